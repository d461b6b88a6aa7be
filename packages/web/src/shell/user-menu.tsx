import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useMe, useSession } from '../session/session-context.tsx';

export function UserMenu() {
  const me = useMe();
  const { signOut } = useSession();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const institution = lang === 'zh-CN' ? me.institution.nameZh : me.institution.nameEn;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'institution', disabled: true, label: <Typography.Text type="secondary">{institution}</Typography.Text> },
          { key: 'roles', disabled: true, label: <Typography.Text type="secondary">{me.roles.map((r) => t(`role.${r}`)).join(' · ')}</Typography.Text> },
          { type: 'divider' },
          { key: 'password', icon: <KeyOutlined />, label: t('shell.changePassword'), onClick: () => void navigate('/password') },
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('shell.logout')}</span>, onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Space>
          <UserOutlined />
          {me.displayName}
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
