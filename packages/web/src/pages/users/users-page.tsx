import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/index.ts';
import type { Institution, User } from '../../api/types.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime, localName } from '../../i18n/labels.ts';
import { useMe } from '../../session/session-context.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserForm } from './user-form.tsx';

/** 用户 — the users the server lets this administrator see (institution admins: their institution). */
export default function UsersPage() {
  const me = useMe();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const canManage = me.permissions.includes('users.manage');
  const { data, error, loading, reload } = useLoad(async () => {
    const [users, institutions] = await Promise.all([api.users(), me.permissions.includes('network.read') ? api.institutions(true) : Promise.resolve({ items: [] as Institution[] })]);
    return { users: users.items, institutions: institutions.items };
  });
  const [filter, setFilter] = useState('');
  const [form, setForm] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });
  const [resetting, setResetting] = useState<User | null>(null);
  const byId = useMemo(() => new Map((data?.institutions ?? []).map((i) => [i.id, i])), [data]);
  const rows = useMemo(() => {
    const text = filter.trim().toLowerCase();
    return (data?.users ?? []).filter((u) => text === '' || u.username.includes(text) || u.displayName.toLowerCase().includes(text));
  }, [data, filter]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="users-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Space>
          <Input.Search allowClear placeholder={t('users.filterPlaceholder')} onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="user-create">
              {t('users.create')}
            </Button>
          )}
        </Space>
      </Space>
      <ErrorAlert error={error} testId="users-error" />
      <Card size="small">
        <Table<User>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.institution'), dataIndex: 'institutionId', render: (id: number) => (byId.get(id) ? localName(byId.get(id) as Institution, lang) : `#${id}`) },
            { title: t('users.roles'), dataIndex: 'roles', render: (roles: User['roles']) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
            { title: t('users.scope'), key: 'scope', render: (_, u) => `${t(`scope.${u.scopeKind}`)}${u.scopeRegion ? ` ${u.scopeRegion}` : ''}` },
            {
              title: t('users.status'),
              key: 'status',
              render: (_, u) => (
                <Space size={4} wrap>
                  {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
                  {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Tag color="red">{t('users.lockedUntil', { time: formatDateTime(u.lockedUntil, lang) })}</Tag>}
                  {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
                </Space>
              ),
            },
            ...(canManage
              ? [
                  {
                    title: t('form.actions'),
                    key: 'actions',
                    render: (_: unknown, u: User) => (
                      <Space>
                        <Button size="small" onClick={() => setForm({ open: true, editing: u })}>
                          {t('form.edit')}
                        </Button>
                        <Button size="small" onClick={() => setResetting(u)}>
                          {t('users.resetPassword')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canManage && (
        <>
          <UserForm
            open={form.open}
            editing={form.editing}
            institutions={data?.institutions ?? []}
            defaultInstitutionId={me.institution.id}
            onClose={() => setForm({ open: false, editing: null })}
            onSaved={() => {
              setForm({ open: false, editing: null });
              void message.success(t('form.saved'));
              reload();
            }}
          />
          <ResetPasswordModal
            user={resetting}
            onClose={() => setResetting(null)}
            onDone={() => {
              setResetting(null);
              void message.success(t('users.passwordReset'));
              reload();
            }}
          />
        </>
      )}
    </Space>
  );
}
