import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/problem.ts';
import { describeError } from '../../forms/server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useSession } from '../../session/session-context.tsx';
import { LanguageSwitch } from '../../shell/language-switch.tsx';
import { BrandIcon } from '../../shell/nav-icons.tsx';

interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Where to go after signing in: back to the page the user came from, else home. */
function target(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { status, me, reason, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'signedIn' && me) return <Navigate to={me.mustChangePassword ? '/password' : target(location.state)} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(values.username.trim(), values.password);
      void navigate(user.mustChangePassword ? '/password' : target(location.state), { replace: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #e6f4f1 0%, #f7f9fb 60%)' }}>
      <Card style={{ width: 400 }} styles={{ body: { padding: 32 } }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space>
              <BrandIcon style={{ fontSize: 28, color: '#0b6e69' }} />
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
            </Space>
            <LanguageSwitch />
          </Space>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          {reason === 'expired' && !error && <Alert type="warning" showIcon title={t('login.expired')} data-testid="login-expired" />}
          {error && (
            <Alert
              type="error"
              showIcon
              data-testid="login-error"
              data-code={error.code}
              title={error.code === 'locked' ? t('login.locked') : error.code === 'unauthenticated' ? t('login.badCredentials') : describeError(t, error)}
              description={error.detail}
            />
          )}
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} data-testid="login-form">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
