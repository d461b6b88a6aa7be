import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/index.ts';
import type { IdentifierKind, Person, PersonInput, VitalStatus } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { derivedFromResidentId, personHints, type HintField } from './person-hints.ts';

interface Values {
  name: string;
  sex?: 1 | 2;
  birthDate: string;
  residentId: string;
  phone: string;
  divisionCode: string;
  address: string;
  vitalStatus: VitalStatus;
  deathDate: string;
  identifiers: Array<{ kind: IdentifierKind; value: string }>;
}

const FIELDS = ['name', 'sex', 'birthDate', 'residentId', 'phone', 'divisionCode', 'address', 'vitalStatus', 'deathDate', 'identifiers'];
const VITAL: readonly VitalStatus[] = ['alive', 'dead', 'unknown'];
const KINDS: readonly IdentifierKind[] = ['mrn', 'outpatient', 'screening', 'other'];
const empty = (text: string | undefined) => (text?.trim() ? text.trim() : null);

interface Props {
  readonly open: boolean;
  /** null: register a new person. */
  readonly editing: Person | null;
  readonly onClose: () => void;
  readonly onSaved: (person: Person) => void;
}

export function PersonForm({ open, editing, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const draft = Form.useWatch([], form) as Partial<Values> | undefined;
  const hints = useMemo(() => personHints({ birthDate: draft?.birthDate, sex: draft?.sex, residentId: draft?.residentId, phone: draft?.phone }), [draft?.birthDate, draft?.sex, draft?.residentId, draft?.phone]);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue({
      name: editing?.name ?? '',
      sex: editing?.sex,
      birthDate: editing?.birthDate ?? '',
      residentId: editing?.residentId ?? '',
      phone: editing?.phone ?? '',
      divisionCode: editing?.divisionCode ?? '',
      address: editing?.address ?? '',
      vitalStatus: editing?.vitalStatus ?? 'alive',
      deathDate: editing?.deathDate ?? '',
      identifiers: [],
    });
  }, [open, editing, form]);

  const hint = (field: HintField) => {
    const h = hints[field];
    return h ? <Alert type={h.kind} title={t(h.key, h.vars)} showIcon banner style={{ padding: '2px 8px', marginTop: 4 }} data-testid={`hint-${field}`} /> : null;
  };

  const save = async (values: Values) => {
    const input: PersonInput = {
      name: values.name.trim(),
      sex: values.sex,
      birthDate: values.birthDate.trim(),
      residentId: empty(values.residentId),
      phone: empty(values.phone),
      divisionCode: empty(values.divisionCode),
      address: empty(values.address),
      vitalStatus: values.vitalStatus,
      deathDate: empty(values.deathDate),
      identifiers: values.identifiers.filter((i) => i.value?.trim()),
    };
    setBusy(true);
    setProblems([]);
    try {
      onSaved(editing ? await api.updatePerson(editing.id, input) : await api.createPerson(input));
    } catch (e) {
      setProblems(applyServerErrors(form, t, e, FIELDS, { conflictField: 'residentId' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('person.editTitle', { name: editing.name }) : t('person.createTitle')}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={680}
      // Above the person drawer it is opened from.
      zIndex={1100}
      forceRender
    >
      {problems.map((p) => (
        <Alert key={p} type="error" showIcon title={p} style={{ marginBottom: 12 }} />
      ))}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        data-testid="person-form"
        onValuesChange={(changed: Partial<Values>) => {
          // A valid ID fills empty birth date and sex: it encodes both (GB 11643-1999).
          if (changed.residentId === undefined) return;
          const derived = derivedFromResidentId(changed.residentId);
          if (!derived) return;
          if (!form.getFieldValue('birthDate')) form.setFieldValue('birthDate', derived.birthDate);
          if (!form.getFieldValue('sex')) form.setFieldValue('sex', derived.sex);
        }}
      >
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="name" label={t('person.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]} style={{ flex: 1 }}>
            <Input data-testid="person-name" />
          </Form.Item>
          <Form.Item name="sex" label={t('person.sex')} rules={[{ required: true, message: t('form.required') }]}>
            <Radio.Group data-testid="person-sex">
              <Radio.Button value={1}>{t('sex.male')}</Radio.Button>
              <Radio.Button value={2}>{t('sex.female')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        </Space.Compact>
        <Form.Item name="residentId" label={t('person.residentId')} extra={hint('residentId')}>
          <Input maxLength={18} data-testid="person-residentId" />
        </Form.Item>
        <Form.Item name="birthDate" label={t('person.birthDate')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} extra={hint('birthDate') ?? t('person.dateFormatHelp')}>
          <Input placeholder="YYYY-MM-DD" maxLength={10} data-testid="person-birthDate" />
        </Form.Item>
        <Form.Item name="phone" label={t('person.phone')} extra={hint('phone')}>
          <Input data-testid="person-phone" />
        </Form.Item>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="divisionCode" label={t('person.division')} extra={t('institution.divisionHint')}>
            <Input maxLength={9} data-testid="person-divisionCode" />
          </Form.Item>
          <Form.Item name="address" label={t('person.address')} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 16 }}>
          <Form.Item name="vitalStatus" label={t('person.vitalStatus')}>
            <Select style={{ width: 160 }} options={VITAL.map((v) => ({ value: v, label: t(`vital.${v}`) }))} />
          </Form.Item>
          <Form.Item name="deathDate" label={t('person.deathDate')}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
        </Space.Compact>
        {editing && editing.identifiers.length > 0 && (
          <Form.Item label={t('person.section.identifiers')}>
            <Space wrap>
              {editing.identifiers.map((i) => (
                <Tag key={`${i.institutionId}-${i.kind}-${i.value}`}>
                  {i.institutionCode} · {t(`identifierKind.${i.kind}`)} · {i.value}
                </Tag>
              ))}
            </Space>
          </Form.Item>
        )}
        <Form.List name="identifiers">
          {(fields, { add, remove }) => (
            <Form.Item label={t('person.addIdentifiers')} extra={t('person.identifiersHint')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'kind']} initialValue="mrn">
                    <Select style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`identifierKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 64 }]}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('form.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'mrn', value: '' })}>
                {t('person.addIdentifier')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
