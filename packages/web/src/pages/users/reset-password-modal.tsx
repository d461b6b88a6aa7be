import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/index.ts';
import type { User } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Sets a new initial password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose, onDone }: { readonly user: User | null; readonly onClose: () => void; readonly onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setProblems([]);
    }
  }, [user, form]);

  const save = async ({ password }: { password: string }) => {
    if (!user) return;
    setBusy(true);
    try {
      await api.resetPassword(user.id, password);
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, ['password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={user !== null} title={t('users.resetTitle', { name: user?.username ?? '' })} okText={t('form.save')} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      {problems.map((p) => (
        <Alert key={p} type="error" showIcon title={p} style={{ marginBottom: 12 }} />
      ))}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
