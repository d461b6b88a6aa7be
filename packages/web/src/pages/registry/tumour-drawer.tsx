import { Alert, App, Button, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { registryApi, type TumourDetail } from './registry-api.ts';
import { registryText } from './registry-text.ts';

const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

interface Props {
  readonly tumourId: number | null;
  readonly canWrite: boolean;
  readonly onClose: () => void;
  /** After a change, so the worklist behind can drop the tumour when it is done. */
  readonly onChanged: () => void;
}

/** One tumour as the registrar consolidates it: each field with the notification it came from, the checks to confirm, overrides with a reason. */
export function TumourDrawer({ tumourId, canWrite, onClose, onChanged }: Props) {
  const { t, lang } = useI18n();
  const tx = registryText(lang);
  const zh = lang === 'zh-CN';
  const { message } = App.useApp();
  const detail = useLoad(() => (tumourId === null ? Promise.resolve(null) : registryApi.tumour(tumourId)));
  const { reload } = detail;
  useEffect(() => reload(), [tumourId, reload]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [override, setOverride] = useState<{ field?: string; value: string; reason: string }>({ value: '', reason: '' });
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (run: () => Promise<TumourDetail>) => {
    setProblem(null);
    try {
      await run();
      void message.success(tx('saved'));
      reload();
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(`${describeError(t, e)} ${e.fieldErrors.map((f) => f.message).join('; ') || e.detail}`);
    }
  };

  const data = detail.data;
  const tumour = data?.tumour;
  return (
    <Drawer open={tumourId !== null} onClose={onClose} width={Math.min(900, window.innerWidth)} title={`${tx('tumour')} #${tumourId ?? ''}`} data-testid="tumour-drawer" destroyOnHidden>
      <ErrorAlert error={detail.error} />
      {data && tumour ? (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="ICD-O-3">{`${text(tumour.topography)} ${text(tumour.morphology)}/${text(tumour.behaviour)}`}</Descriptions.Item>
            <Descriptions.Item label="ICD-10">{text(tumour.icd10)}</Descriptions.Item>
            <Descriptions.Item label={tx('status')}>{text(tumour.check_status)}</Descriptions.Item>
            <Descriptions.Item label={tx('mpTitle')}>
              <Tag>{tumour.mp_status}</Tag>
              {tumour.mp_explanation ? (zh ? tumour.mp_explanation.zh : tumour.mp_explanation.en) : null}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Text strong>{tx('checksTitle')}</Typography.Text>
          {data.checks.length === 0 ? <Typography.Text type="secondary">{tx('empty')}</Typography.Text> : null}
          {data.checks.map((c) => (
            <div key={c.rule} data-testid={`tumour-check-${c.rule}`}>
              <Space wrap>
                <Tag color={c.severity === 'error' ? 'red' : c.confirmedAt ? 'default' : 'orange'}>{c.rule}</Tag>
                <span>{zh ? c.messageZh : c.messageEn}</span>
                {c.confirmedAt ? <Tag color="green">{`${tx('confirmed')}: ${c.confirmReason ?? ''}`}</Tag> : null}
              </Space>
              {canWrite && c.severity === 'warning' && !c.confirmedAt ? (
                <Space.Compact style={{ width: '100%', marginTop: 4 }}>
                  <Input placeholder={tx('reason')} value={reasons[c.rule] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [c.rule]: e.target.value }))} data-testid={`confirm-reason-${c.rule}`} />
                  <Button onClick={() => void act(() => registryApi.confirmWarning(data.tumour.id, c.rule, reasons[c.rule] ?? ''))} data-testid={`confirm-${c.rule}`}>
                    {tx('confirmWarning')}
                  </Button>
                </Space.Compact>
              ) : null}
            </div>
          ))}
          {problem ? <Alert type="error" showIcon message={problem} data-testid="tumour-problem" /> : null}

          <Typography.Text strong>{tx('fields')}</Typography.Text>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={[...data.fields]}
            data-testid="tumour-fields"
            columns={[
              { key: 'field', title: tx('field'), dataIndex: 'field' },
              { key: 'value', title: tx('value'), render: (_: unknown, f: TumourDetail['fields'][number]) => text(f.value) },
              {
                key: 'source',
                title: tx('source'),
                render: (_: unknown, f: TumourDetail['fields'][number]) =>
                  f.overrideReason !== null ? <Tag color="blue">{`${tx('overridden')}: ${f.overrideReason}`}</Tag> : `${text(f.sourceKind)} · ${text(f.institutionCode)} ${text(f.sourceRef)}`,
              },
            ]}
          />
          {canWrite ? (
            <Space wrap>
              <span>{tx('overrideTitle')}</span>
              <Select showSearch style={{ minWidth: 150 }} placeholder={tx('field')} value={override.field} onChange={(field: string) => setOverride((o) => ({ ...o, field }))} options={data.fields.map((f) => ({ value: f.field, label: f.field }))} data-testid="override-field" />
              <Input style={{ width: 120 }} placeholder={tx('value')} value={override.value} onChange={(e) => setOverride((o) => ({ ...o, value: e.target.value }))} data-testid="override-value" />
              <Input style={{ width: 240 }} placeholder={tx('reason')} value={override.reason} onChange={(e) => setOverride((o) => ({ ...o, reason: e.target.value }))} data-testid="override-reason" />
              <Button type="primary" disabled={override.field === undefined} onClick={() => void act(() => registryApi.override(data.tumour.id, override.field!, override.value.trim() === '' ? null : override.value.trim(), override.reason))} data-testid="override-save">
                {tx('save')}
              </Button>
            </Space>
          ) : null}

          <Typography.Text strong>{tx('notificationsTitle')}</Typography.Text>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...data.notifications]}
            columns={[
              { key: 'reportedOn', title: tx('reportedOn'), dataIndex: 'reportedOn' },
              { key: 'institution', title: tx('institution'), dataIndex: 'institutionName' },
              { key: 'kind', title: tx('kind'), render: (_: unknown, n: TumourDetail['notifications'][number]) => `${n.kind} ${text(n.sourceRef)}` },
              { key: 'codes', title: tx('codes'), render: (_: unknown, n: TumourDetail['notifications'][number]) => `${text(n.topography)} ${text(n.morphology)}/${text(n.behaviour)} · ${text(n.icd10)}` },
            ]}
          />
          {data.otherTumours.length > 0 ? (
            <>
              <Typography.Text strong>{tx('otherTumours')}</Typography.Text>
              {data.otherTumours.map((o) => (
                <div key={o.id}>{`#${o.id} ${text(o.topography)} ${text(o.morphology)} · ${text(o.incidenceDate)} · ${o.mpStatus}`}</div>
              ))}
            </>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
