import { Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/index.ts';
import { applyServerErrors } from '../../forms/apply-server-errors.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { localName } from '../../i18n/labels.ts';
import { screeningApi, type CampaignStatus, type CampaignSummary, type ProgrammeCode } from './screening-api.ts';
import { day, local, parseCatchment } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

const STATUSES: readonly CampaignStatus[] = ['planned', 'active', 'closed'];
const STATUS_COLOURS: Readonly<Record<CampaignStatus, string>> = { planned: 'blue', active: 'green', closed: 'default' };

interface CreateValues {
  name: string;
  series?: string;
  programmeCode: ProgrammeCode;
  institutionId: number;
  dates: [Dayjs, Dayjs];
  catchment: string[];
}

/** 筛查活动 — the campaigns the user may see, their counts along the path, and a new campaign for managers. */
export default function CampaignsPage() {
  const { tx, t, lang, can, me } = useScreening();
  const [programme, setProgramme] = useState<ProgrammeCode | undefined>();
  const [status, setStatus] = useState<CampaignStatus | 'all'>('all');
  const campaigns = useLoad(() => screeningApi.campaigns({ programme, status: status === 'all' ? undefined : status }));
  const { reload } = campaigns;
  useEffect(() => reload(), [programme, status, reload]);
  const programmes = useLoad(() => screeningApi.programmes());
  const programmeName = useMemo(() => {
    const names = new Map((programmes.data?.items ?? []).map((p) => [p.code, local(p.name, lang)]));
    return (code: ProgrammeCode) => names.get(code) ?? code;
  }, [programmes.data, lang]);

  const [creating, setCreating] = useState(false);
  const institutions = useLoad(() => (can('network.read') ? api.institutions(false) : Promise.resolve({ items: [] })));
  const divisions = useLoad(() => (can('network.read') ? api.divisions() : Promise.resolve({ items: [] })));
  const [form] = Form.useForm<CreateValues>();
  const [formErrors, setFormErrors] = useState<readonly string[]>([]);
  const create = async (values: CreateValues) => {
    setFormErrors([]);
    try {
      await screeningApi.createCampaign({
        name: values.name,
        series: values.series || undefined,
        programmeCode: values.programmeCode,
        institutionId: values.institutionId,
        startDate: values.dates[0].format('YYYY-MM-DD'),
        endDate: values.dates[1].format('YYYY-MM-DD'),
        catchment: values.catchment.flatMap((c) => parseCatchment(c)),
      });
      setCreating(false);
      form.resetFields();
      reload();
    } catch (error) {
      setFormErrors(applyServerErrors(form, t, error, ['name', 'series', 'programmeCode', 'institutionId', 'catchment'], { aliases: { startDate: 'dates', endDate: 'dates' } }));
    }
  };

  const columns = [
    {
      key: 'name',
      title: tx('name'),
      render: (_: unknown, c: CampaignSummary) => (
        <Space direction="vertical" size={0}>
          <Link to={`/screening/campaigns/${c.id}`} data-testid={`campaign-${c.id}`}>{c.name}</Link>
          {c.series ? <Typography.Text type="secondary">{c.series}</Typography.Text> : null}
        </Space>
      ),
    },
    { key: 'programme', title: tx('programme'), render: (_: unknown, c: CampaignSummary) => programmeName(c.programmeCode) },
    { key: 'institution', title: tx('institution'), dataIndex: 'institutionName' },
    { key: 'dates', title: tx('dates'), render: (_: unknown, c: CampaignSummary) => `${day(c.startDate)} – ${day(c.endDate)}` },
    { key: 'status', title: tx('status'), render: (_: unknown, c: CampaignSummary) => <Tag color={STATUS_COLOURS[c.status]}>{tx(`status_${c.status}`)}</Tag> },
    ...(['targeted', 'invited', 'participated', 'screened', 'positive', 'cancer'] as const).map((k) => ({
      key: k,
      title: tx(k === 'positive' ? 'positives' : k === 'cancer' ? 'cancers' : k),
      align: 'right' as const,
      render: (_: unknown, c: CampaignSummary) => c.counts[k].toLocaleString(lang),
    })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-campaigns">
      <Typography.Title level={3} style={{ margin: 0 }}>{tx('campaigns')}</Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={tx('allProgrammes')}
          value={programme}
          onChange={(v: ProgrammeCode | undefined) => setProgramme(v)}
          options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: local(p.name, lang) }))}
          aria-label={tx('programme')}
        />
        <Segmented<CampaignStatus | 'all'> value={status} onChange={setStatus} options={[{ value: 'all', label: tx('all') }, ...STATUSES.map((s) => ({ value: s, label: tx(`status_${s}`) }))]} />
        {can('screening.manage') ? (
          <Button type="primary" data-testid="campaign-create" onClick={() => setCreating(true)}>{tx('newCampaign')}</Button>
        ) : null}
      </Space>
      <ErrorAlert error={campaigns.error} testId="campaigns-error" />
      <Table<CampaignSummary> data-testid="campaigns-table" size="small" rowKey="id" loading={campaigns.loading} columns={columns} dataSource={campaigns.data?.items ?? []} pagination={{ pageSize: 20 }} scroll={{ x: true }} />
      <Modal open={creating} title={tx('newCampaign')} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={tx('create')} cancelText={tx('cancel')} destroyOnHidden>
        {formErrors.map((e) => <Typography.Paragraph key={e} type="danger">{e}</Typography.Paragraph>)}
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} data-testid="campaign-form" initialValues={{ institutionId: me?.institution.id }}>
          <Form.Item name="name" label={tx('name')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input data-testid="campaign-name" />
          </Form.Item>
          <Form.Item name="series" label={tx('series')}>
            <Input />
          </Form.Item>
          <Form.Item name="programmeCode" label={tx('programme')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Select data-testid="campaign-programme" options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: local(p.name, lang) }))} />
          </Form.Item>
          <Form.Item name="institutionId" label={tx('institution')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Select showSearch optionFilterProp="label" options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: localName(i, lang) }))} />
          </Form.Item>
          <Form.Item name="dates" label={tx('dates')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="catchment" label={tx('catchment')} extra={tx('catchmentHint')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Select
              mode="tags"
              data-testid="campaign-catchment"
              optionFilterProp="label"
              tokenSeparators={[',', '，', ' ', '、']}
              options={(divisions.data?.items ?? []).filter((d) => d.code.length > 6 || d.level === 'county').map((d) => ({ value: d.code, label: `${localName(d, lang)} ${d.code}` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
