import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/index.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMe, useSession } from '../../session/session-context.tsx';
import { LanguageSwitch } from '../../shell/language-switch.tsx';

interface PasswordForm {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirm'];

/**
 * Own password change; forced while `mustChangePassword` is set (a new user's first sign-in).
 * The server checks the policy (length, common passwords, classes under MLPS level 3) and names
 * the rule that failed, which appears under the new-password field.
 */
export function ChangePasswordPage() {
  const me = useMe();
  const { refresh, signOut } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (values: PasswordForm) => {
    setBusy(true);
    setProblems([]);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      setDone(true);
      form.resetFields();
      await refresh();
      void navigate('/', { replace: true });
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, FIELDS, { aliases: { password: 'newPassword' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 460 }} title={t('password.title')} extra={<LanguageSwitch />}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {me.mustChangePassword && <Alert type="info" showIcon title={t('password.forced')} data-testid="password-forced" />}
          <Typography.Text type="secondary">{t('password.policy')}</Typography.Text>
          {done && <Alert type="success" showIcon title={t('password.changed')} />}
          {problems.map((p) => (
            <Alert key={p} type="error" showIcon title={p} />
          ))}
          <Form<PasswordForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="password-form">
            <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password autoComplete="current-password" data-testid="password-current" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('form.required') }]} hasFeedback>
              <Input.Password autoComplete="new-password" data-testid="password-new" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              hasFeedback
              rules={[
                { required: true, message: t('form.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="password-confirm" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
                {t('password.submit')}
              </Button>
              {me.mustChangePassword ? (
                <Button onClick={() => void signOut()}>{t('shell.logout')}</Button>
              ) : (
                <Button onClick={() => void navigate(-1)}>{t('form.cancel')}</Button>
              )}
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
