import { Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Translate } from '../i18n/translate.ts';
import { useMe } from '../session/session-context.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { navForPath, visibleNav, type NavItem } from './nav.ts';
import { BrandIcon, NAV_ICONS } from './nav-icons.tsx';
import { UserMenu } from './user-menu.tsx';

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(items: readonly NavItem[], t: Translate): MenuItem[] {
  return items.map((item) =>
    item.children
      ? { key: item.key, icon: NAV_ICONS[item.key], label: t(item.label), children: toMenuItems(item.children, t) }
      : { key: item.key, icon: NAV_ICONS[item.key], label: <span data-testid={`menu-${item.key}`}>{t(item.label)}</span> },
  );
}

/** The frame of every signed-in page: the menu the user's permissions allow, language, user. */
export function AppShell() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const nav = useMemo(() => visibleNav(me.permissions), [me.permissions]);
  const current = navForPath(location.pathname);
  const paths = useMemo(() => {
    const map = new Map<string, string>();
    const walk = (items: readonly NavItem[]) => items.forEach((i) => (i.children ? walk(i.children) : i.path && map.set(i.key, i.path)));
    walk(nav);
    return map;
  }, [nav]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={232} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <Space style={{ padding: '16px 20px', whiteSpace: 'nowrap' }}>
          <BrandIcon style={{ fontSize: 22, color: '#0b6e69' }} />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Space>
        <Menu
          mode="inline"
          data-testid="main-menu"
          items={toMenuItems(nav, t)}
          selectedKeys={current ? [current.key] : []}
          defaultOpenKeys={['treatment', 'admin']}
          onClick={({ key }) => {
            const path = paths.get(key);
            if (path) void navigate(path);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          <Space size="large">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ErrorBoundary key={location.pathname} title={t('error.page')}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
