import { Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { formatDateTime } from '../../i18n/labels.ts';
import { screeningApi, type RemoteRead, type RemoteReadStatus } from './screening-api.ts';
import { formatHours, local, medianTurnaround } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

type Side = 'requested' | 'to_read';
const STATUSES: readonly RemoteReadStatus[] = ['requested', 'assigned', 'reported', 'returned'];
const STATUS_COLOURS: Readonly<Record<RemoteReadStatus, string>> = { requested: 'blue', assigned: 'purple', reported: 'orange', returned: 'green' };

/** 远程阅片 — exams my site sent for reading, and those waiting for me: take, report, acknowledge; turnaround. */
export default function RemoteReadingPage() {
  const { tx, lang, can, act } = useScreening();
  const [side, setSide] = useState<Side>('to_read');
  const [status, setStatus] = useState<RemoteReadStatus | undefined>();
  const reads = useLoad(() => screeningApi.remoteReads(side, status));
  const { reload } = reads;
  useEffect(() => reload(), [side, status, reload]);
  const programmes = useLoad(() => screeningApi.programmes());
  const examOf = useMemo(() => {
    const exams = (programmes.data?.items ?? []).flatMap((p) => p.exams);
    return (code: string) => exams.find((e) => e.code === code);
  }, [programmes.data]);
  const [reporting, setReporting] = useState<RemoteRead | null>(null);
  const [form] = Form.useForm<{ category: string; report: string }>();
  const write = can('screening.write');
  const run = async (job: () => Promise<unknown>) => {
    if (await act(job, tx('done'))) reload();
  };
  const submitReport = async (values: { category: string; report: string }) => {
    if (!reporting) return;
    if (await act(() => screeningApi.reportRemoteRead(reporting.id, values.category, values.report), tx('done'))) {
      setReporting(null);
      form.resetFields();
      reload();
    }
  };
  const items = reads.data?.items ?? [];
  const median = medianTurnaround(items);
  const columns = [
    { key: 'exam', title: tx('exam'), render: (_: unknown, r: RemoteRead) => <Link to={`/screening/participants/${r.participantId}`}>{local(examOf(r.examCode)?.label, lang) || r.examCode}</Link> },
    { key: 'requesting', title: tx('requestingSite'), dataIndex: 'requestingInstitutionName' },
    { key: 'reading', title: tx('readingSite'), dataIndex: 'readingInstitutionName' },
    { key: 'status', title: tx('status'), render: (_: unknown, r: RemoteRead) => <Tag color={STATUS_COLOURS[r.status]} data-status={r.status}>{tx(`rr_${r.status}`)}</Tag> },
    { key: 'requestedAt', title: tx('requestedAt'), render: (_: unknown, r: RemoteRead) => formatDateTime(r.requestedAt, lang) },
    { key: 'assignedTo', title: tx('assignedTo'), render: (_: unknown, r: RemoteRead) => r.assignedTo ?? '—' },
    {
      key: 'report',
      title: tx('report'),
      render: (_: unknown, r: RemoteRead) => {
        const c = r.category ? examOf(r.examCode)?.categories.find((x) => x.code === r.category) : undefined;
        return r.report || r.category ? `${c ? local(c.label, lang) : (r.category ?? '')} ${r.report ?? ''}` : '—';
      },
    },
    { key: 'turnaround', title: tx('turnaround'), align: 'right' as const, render: (_: unknown, r: RemoteRead) => formatHours(r.turnaroundHours, tx) },
    {
      key: 'action',
      title: '',
      render: (_: unknown, r: RemoteRead) =>
        !write ? null : side === 'to_read' && r.status === 'requested' ? (
          <Button size="small" onClick={() => void run(() => screeningApi.assignRemoteRead(r.id))} data-testid={`read-assign-${r.id}`}>{tx('assign')}</Button>
        ) : side === 'to_read' && r.status === 'assigned' ? (
          <Button size="small" type="primary" onClick={() => setReporting(r)} data-testid={`read-report-${r.id}`}>{tx('writeReport')}</Button>
        ) : side === 'requested' && r.status === 'reported' ? (
          <Button size="small" onClick={() => void run(() => screeningApi.acknowledgeRemoteRead(r.id))} data-testid={`read-ack-${r.id}`}>{tx('acknowledge')}</Button>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-remote-reading">
      <Typography.Title level={3} style={{ margin: 0 }}>{tx('remoteReading')}</Typography.Title>
      <Space wrap>
        <Segmented<Side> value={side} onChange={setSide} options={(['to_read', 'requested'] as const).map((s) => ({ value: s, label: tx(`side_${s}`) }))} />
        <Select<RemoteReadStatus> allowClear style={{ minWidth: 160 }} placeholder={tx('status')} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: tx(`rr_${s}`) }))} />
        <Typography.Text type="secondary" data-testid="remote-median">
          {tx('medianTurnaround', { n: items.filter((r) => r.turnaroundHours !== null).length, hours: formatHours(median, tx) })}
        </Typography.Text>
      </Space>
      <ErrorAlert error={reads.error} testId="remote-error" />
      <Table<RemoteRead> data-testid="remote-table" size="small" rowKey="id" loading={reads.loading} columns={columns} dataSource={items} pagination={{ pageSize: 50 }} scroll={{ x: true }} locale={{ emptyText: tx('none') }} />
      <Modal open={reporting !== null} title={tx('writeReport')} onCancel={() => setReporting(null)} onOk={() => form.submit()} okText={tx('save')} cancelText={tx('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void submitReport(v)}>
          <Form.Item name="category" label={tx('resultCategory')} rules={[{ required: true, message: tx('answerRequired') }]}>
            <Select options={(reporting ? (examOf(reporting.examCode)?.categories ?? []) : []).map((c) => ({ value: c.code, label: local(c.label, lang) }))} />
          </Form.Item>
          <Form.Item name="report" label={tx('report')} rules={[{ required: true, message: tx('answerRequired') }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
