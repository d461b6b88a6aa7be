import { ROLES, type Role } from '@onconet/domain/access/roles';
import { SCOPE_KINDS, type ScopeKind } from '@onconet/domain/access/scope';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/index.ts';
import type { Institution, User } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';

interface Values {
  username: string;
  displayName: string;
  institutionId?: number;
  roles: Role[];
  scopeKind: ScopeKind;
  scopeRegion: string;
  password: string;
  active: boolean;
}

const FIELDS = ['username', 'displayName', 'institutionId', 'roles', 'scopeKind', 'scopeRegion', 'password', 'active'];

interface Props {
  readonly open: boolean;
  /** null: create a user. */
  readonly editing: User | null;
  readonly institutions: readonly Institution[];
  readonly defaultInstitutionId: number;
  readonly onClose: () => void;
  readonly onSaved: (user: User) => void;
}

/** Create a user (who must change the initial password at first sign-in) or change roles, scope, state. */
export function UserForm({ open, editing, institutions, defaultInstitutionId, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const scopeKind = Form.useWatch('scopeKind', form);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { username: editing.username, displayName: editing.displayName, institutionId: editing.institutionId, roles: [...editing.roles], scopeKind: editing.scopeKind, scopeRegion: editing.scopeRegion ?? '', active: editing.active }
        : { username: '', displayName: '', institutionId: defaultInstitutionId, roles: [], scopeKind: 'institution', scopeRegion: '', password: '', active: true },
    );
  }, [open, editing, form, defaultInstitutionId]);

  const save = async (v: Values) => {
    const scopeRegion = v.scopeKind === 'region' ? v.scopeRegion.trim() || null : null;
    setBusy(true);
    setProblems([]);
    try {
      const saved = editing
        ? await api.updateUser(editing.id, { displayName: v.displayName.trim(), roles: v.roles, scopeKind: v.scopeKind, scopeRegion, active: v.active })
        : await api.createUser({ username: v.username.trim(), displayName: v.displayName.trim(), institutionId: v.institutionId ?? defaultInstitutionId, roles: v.roles, scopeKind: v.scopeKind, scopeRegion, password: v.password });
      onSaved(saved);
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, FIELDS, { conflictField: 'username' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={editing ? t('users.editTitle', { name: editing.username }) : t('users.createTitle')} okText={t('form.save')} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} width={600} forceRender>
      {problems.map((p) => (
        <Alert key={p} type="error" showIcon title={p} style={{ marginBottom: 12 }} />
      ))}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)} data-testid="user-form">
        <Form.Item name="username" label={t('users.username')} extra={editing ? undefined : t('users.usernameHint')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[a-z0-9_.-]{3,64}$/, message: t('users.usernameHint') }]}>
          <Input disabled={editing !== null} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="institutionId" label={t('users.institution')} rules={[{ required: true, message: t('form.required') }]}>
          <Select disabled={editing !== null} showSearch={{ optionFilterProp: 'label' }} options={institutions.filter((i) => i.active).map((i) => ({ value: i.id, label: `${localName(i, lang)} (${i.code})` }))} />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('form.required') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('users.scope')} extra={t('users.scopeHint')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={SCOPE_KINDS.map((s) => ({ value: s, label: t(`scope.${s}`) }))} />
        </Form.Item>
        {scopeKind === 'region' && (
          <Form.Item name="scopeRegion" label={t('users.region')} extra={t('institution.divisionHint')} rules={[{ required: true, message: t('form.required') }, { pattern: /^\d{6}$/, message: t('fieldError.format') }]}>
            <Input maxLength={6} />
          </Form.Item>
        )}
        {editing ? (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
