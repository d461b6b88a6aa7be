import { AutoComplete, Button, DatePicker, Form, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Institution, User } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';
import { ACTION_GROUPS, type AuditFormValues } from './audit-query.ts';

interface Fields {
  userId?: number;
  personId?: number;
  institutionId?: number;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Props {
  readonly users: readonly User[];
  readonly institutions: readonly Institution[];
  readonly onApply: (values: AuditFormValues) => void;
}

/** Filters of the audit view: user, person, institution, action (prefix) and a time range. */
export function AuditFilters({ users, institutions, onApply }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Fields>();
  const apply = (f: Fields) =>
    onApply({
      userId: f.userId ?? null,
      personId: f.personId ?? null,
      institutionId: f.institutionId ?? null,
      action: f.action ?? null,
      from: f.range?.[0]?.toISOString() ?? null,
      to: f.range?.[1]?.toISOString() ?? null,
    });
  return (
    <Form<Fields> form={form} layout="inline" onFinish={apply} data-testid="audit-filters" style={{ rowGap: 12 }}>
      <Form.Item name="userId" label={t('audit.user')}>
        <Select
          allowClear
          style={{ width: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={users.map((u) => ({ value: u.id, label: `${u.username} · ${u.displayName}` }))}
          data-testid="audit-filter-user"
        />
      </Form.Item>
      <Form.Item name="personId" label={t('audit.person')}>
        <InputNumber min={1} precision={0} style={{ width: 120 }} data-testid="audit-filter-person" />
      </Form.Item>
      <Form.Item name="institutionId" label={t('audit.institution')}>
        <Select allowClear style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} options={institutions.map((i) => ({ value: i.id, label: `${localName(i, lang)} (${i.code})` }))} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <AutoComplete allowClear style={{ width: 180 }} options={ACTION_GROUPS.map((g) => ({ value: g, label: `${g} — ${t(`audit.group.${g}`)}` }))} data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="range" label={t('audit.time')}>
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            apply({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Space>
    </Form>
  );
}
