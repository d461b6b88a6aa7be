import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/labels.ts';
import { mpiApi } from './mpi-api.ts';
import { levelText, mpiText, type MpiText } from './mpi-messages.ts';

const bits = (w: number) => (!Number.isFinite(w) ? (w > 0 ? '+∞' : '−∞') : w > 0 ? `+${w.toFixed(2)}` : w.toFixed(2));
const share = (p: number) => (p === 0 ? '0' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** The model the index matches with: each field's agreement levels with m, u and the weight they add; registrars may put a trained one in use. */
export function MpiModelCard() {
  const { t, lang } = useI18n();
  const m = (key: MpiText, vars?: Record<string, string | number>) => mpiText(lang, key, vars);
  const { message } = App.useApp();
  const model = useLoad(() => mpiApi.model());
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async (file: File) => {
    setProblem(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text()) as unknown;
    } catch (e) {
      setProblem(m('notJson', { detail: e instanceof Error ? e.message : String(e) }));
      return;
    }
    try {
      await mpiApi.useModel(parsed);
      void message.success(m('modelInUse'));
      model.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(`${describeError(t, e)} ${e.detail}`);
    }
  };

  const view = model.data;
  const rows = (view?.fields ?? []).flatMap((f) =>
    f.levels.map((l, i) => ({ key: `${f.column}-${i}`, field: i === 0 ? m(f.column as MpiText) : '', tf: i === 0 && f.termFrequencyAdjusted, level: levelText(lang, l.label), m: l.m, u: l.u, weight: l.weight })),
  );
  return (
    <Card size="small" data-testid="mpi-model" title={m('model')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{m('modelExplain')}</Typography.Text>
        <ErrorAlert error={model.error} testId="mpi-model-error" />
        {view ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={m('source')}>
              <span data-testid="mpi-model-source">{view.source === 'saved' ? m('modelSaved', { at: view.savedAt ? formatDateTime(view.savedAt, lang) : '' }) : m('modelDefault')}</span>
              {view.training ? <Typography.Text type="secondary"> · {m('modelTrained', { records: view.training.records, pairs: view.training.candidatePairs })}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={m('prior')}>{m('priorLine', { lambda: view.lambda.toExponential(2), bits: view.priorWeight.toFixed(1) })}</Descriptions.Item>
            <Descriptions.Item label={m('thresholdsLabel')}>
              <span data-testid="mpi-model-thresholds">{m('thresholds', { link: view.thresholds.link, review: view.thresholds.review })}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Table
          data-testid="mpi-model-fields"
          size="small"
          pagination={false}
          loading={model.loading}
          rowKey="key"
          dataSource={rows}
          columns={[
            { title: m('field'), dataIndex: 'field', render: (field: string, r) => (r.tf ? <Space size={4}>{field}<Tag>{m('termFrequency')}</Tag></Space> : field) },
            { title: m('level'), dataIndex: 'level' },
            { title: 'm', dataIndex: 'm', align: 'right', render: share },
            { title: 'u', dataIndex: 'u', align: 'right', render: share },
            { title: m('weight'), dataIndex: 'weight', align: 'right', render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{bits(w)}</Typography.Text> },
          ]}
        />
        {problem ? <Alert type="error" showIcon message={problem} data-testid="mpi-model-problem" /> : null}
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
          <Button data-testid="mpi-model-upload">{m('useModel')}</Button>
        </Upload>
      </Space>
    </Card>
  );
}
