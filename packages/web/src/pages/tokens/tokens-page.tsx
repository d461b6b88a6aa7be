import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { ApiToken, CreatedToken } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/labels.ts';


/** API 令牌 — tokens for system-to-system calls (Authorization: Bearer). The secret is shown once. */
export default function TokensPage() {
  const { t, lang } = useI18n();
  const when = (value: string | null) => formatDateTime(value, lang);
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => api.tokens());
  const [form] = Form.useForm<{ name: string }>();
  const [creating, setCreating] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const create = async ({ name }: { name: string }) => {
    setProblems([]);
    try {
      setCreated(await api.createToken(name.trim()));
      setCreating(false);
      form.resetFields();
      reload();
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, ['name']));
    }
  };

  const revoke = async (token: ApiToken) => {
    try {
      await api.revokeToken(token.id);
      void message.success(t('tokens.revoked'));
      reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(`${describeError(t, e)} ${e.detail}`);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="tokens-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('tokens.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('tokens.explain')}</Typography.Text>
      <ErrorAlert error={error} testId="tokens-error" />
      <Card size="small">
        <Table<ApiToken>
          data-testid="tokens-table"
          rowKey="id"
          loading={loading}
          dataSource={data ? [...data.items] : []}
          pagination={false}
          locale={{ emptyText: t('tokens.none') }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: when },
            { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: when },
            { title: t('users.status'), key: 'status', render: (_, tok) => (tok.revokedAt ? <Tag>{t('tokens.revokedAt', { time: when(tok.revokedAt) })}</Tag> : <Tag color="green">{t('tokens.valid')}</Tag>) },
            {
              title: t('form.actions'),
              key: 'actions',
              render: (_, tok) =>
                tok.revokedAt ? null : (
                  <Popconfirm title={t('tokens.revokeConfirm', { name: tok.name })} okText={t('tokens.revoke')} cancelText={t('form.cancel')} onConfirm={() => void revoke(tok)}>
                    <Button size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={creating} title={t('tokens.create')} okText={t('tokens.create')} cancelText={t('form.cancel')} onOk={() => form.submit()} onCancel={() => setCreating(false)} forceRender>
        {problems.map((p) => (
          <Alert key={p} type="error" showIcon title={p} style={{ marginBottom: 12 }} />
        ))}
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
            <Input data-testid="token-name" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={created !== null} title={t('tokens.createdTitle')} onOk={() => setCreated(null)} onCancel={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }} okText={t('tokens.copied')}>
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="token-secret" style={{ wordBreak: 'break-all' }}>
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
