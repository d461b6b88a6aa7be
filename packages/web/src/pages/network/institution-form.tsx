import { TIERS, TYPE_TIERS, INSTITUTION_TYPES, type InstitutionType, type Tier } from '@onconet/domain/network/institution';
import { validateInstitution } from '@onconet/domain/network/validate-institution';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import type { Alliance, Division, Institution, InstitutionInput } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  tier: Tier;
  type: InstitutionType;
  parentId: number | null;
  divisionCode: string;
  alliances: string[];
}

const FIELDS = ['code', 'nameZh', 'nameEn', 'tier', 'type', 'parentId', 'divisionCode', 'alliances'];
/** The tier a parent must have (validate-institution.ts): hubs hang under the core, primaries under a hub. */
const PARENT_TIER: Readonly<Record<Tier, Tier | null>> = { core: null, hub: 'core', primary: 'hub' };

interface Props {
  readonly open: boolean;
  /** null: create a new institution. */
  readonly editing: Institution | null;
  readonly institutions: readonly Institution[];
  readonly alliances: readonly Alliance[];
  readonly divisions: readonly Division[];
  readonly onClose: () => void;
  readonly onSaved: (saved: Institution) => void;
}

export function InstitutionForm({ open, editing, institutions, alliances, divisions, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const tier = Form.useWatch('tier', form);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { ...editing, alliances: [...editing.alliances] }
        : { code: '', nameZh: '', nameEn: '', tier: 'primary', type: 'township_health_centre', parentId: null, divisionCode: '', alliances: [] },
    );
  }, [open, editing, form]);

  const parentTier = tier ? PARENT_TIER[tier] : null;
  const parentOptions = institutions
    .filter((i) => i.active && i.tier === parentTier && i.id !== editing?.id)
    .map((i) => ({ value: i.id, label: `${localName(i, lang)} (${i.code})` }));
  const typeOptions = INSTITUTION_TYPES.filter((type) => !tier || TYPE_TIERS[type].includes(tier)).map((type) => ({ value: type, label: t(`institutionType.${type}`) }));

  const save = async (values: Values) => {
    const input: InstitutionInput = { ...values, code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), parentId: values.parentId ?? null };
    // The network's shape rules run here first (the same domain rule the server applies).
    const parent = institutions.find((i) => i.id === input.parentId);
    const local = validateInstitution(input, parent ? parent.tier : null);
    setBusy(true);
    setProblems([]);
    try {
      if (local.length > 0) throw new ApiError(400, 'validation', '', local);
      onSaved(editing ? await api.updateInstitution(editing.id, input) : await api.createInstitution(input));
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, FIELDS, { conflictField: 'code' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('network.editTitle', { name: localName(editing, lang) }) : t('network.createTitle')}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      {problems.map((p) => (
        <Alert key={p} type="error" showIcon title={p} style={{ marginBottom: 12 }} />
      ))}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void save(values)} data-testid="institution-form">
        <Form.Item name="code" label={t('institution.code')} extra={t('institution.codeHint')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('fieldError.format') }]}>
          <Input data-testid="institution-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('institution.nameZh')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
          <Input data-testid="institution-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('institution.nameEn')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
          <Input data-testid="institution-nameEn" />
        </Form.Item>
        <Form.Item name="tier" label={t('institution.tier')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            options={TIERS.map((value) => ({ value, label: t(`tier.${value}`) }))}
            onChange={(next: Tier) => {
              const type = form.getFieldValue('type') as InstitutionType | undefined;
              if (type && !TYPE_TIERS[type].includes(next)) form.setFieldValue('type', undefined);
              form.setFieldValue('parentId', null);
            }}
          />
        </Form.Item>
        <Form.Item name="type" label={t('institution.type')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={typeOptions} />
        </Form.Item>
        <Form.Item name="parentId" label={t('institution.parent')} rules={parentTier ? [{ required: true, message: t('form.required') }] : []}>
          <Select allowClear disabled={!parentTier} options={parentOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={parentTier ? undefined : t('institution.noParent')} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('institution.division')} extra={t('institution.divisionHint')} rules={[{ required: true, message: t('form.required') }, { pattern: /^\d{6}(\d{3})?$/, message: t('fieldError.format') }]}>
          {divisions.length > 0 ? (
            <Select showSearch={{ optionFilterProp: 'label' }} options={divisions.map((d) => ({ value: d.code, label: `${d.code} ${localName(d, lang)}` }))} />
          ) : (
            <Input maxLength={9} data-testid="institution-division" />
          )}
        </Form.Item>
        <Form.Item name="alliances" label={t('institution.alliances')}>
          <Select mode="multiple" allowClear options={alliances.map((a) => ({ value: a.code, label: `${localName(a, lang)} (${a.site})` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
