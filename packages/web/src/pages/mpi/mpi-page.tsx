import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/labels.ts';
import { mpiApi, type ReviewDetail, type ReviewItem, type ReviewStatus } from './mpi-api.ts';
import { levelText, mpiText, type MpiText } from './mpi-messages.ts';
import { MpiModelCard } from './mpi-model-card.tsx';

const FIELD_ORDER = ['name', 'birth_date', 'sex', 'resident_id', 'phone', 'division_code', 'address'] as const;
const percent = (p: number) => `${(p * 100).toFixed(1)}%`;
const bits = (w: number) => (w > 0 ? `+${w.toFixed(2)}` : w.toFixed(2));

/** 主索引复核 — the registrars' review queue of the master patient index (issue 3). */
export default function MpiPage() {
  const { t, lang } = useI18n();
  const m = (key: MpiText, vars?: Record<string, string | number>) => mpiText(lang, key, vars);
  const { message } = App.useApp();
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [showModel, setShowModel] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const queue = useLoad(() => mpiApi.reviews(status));
  const detail = useLoad(() => (selected === null ? Promise.resolve(null) : mpiApi.review(selected)));
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      void message.success(m('done'));
      queue.reload();
      detail.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      void message.error(`${describeError(t, e)} ${e.detail}`);
    } finally {
      setBusy(false);
    }
  };

  const choose = (id: number | null) => {
    setSelected(id);
    // useLoad reads the newest loader on reload, after this render commits.
    setTimeout(() => detail.reload(), 0);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mpi-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {m('title')}
      </Typography.Title>
      <Typography.Text type="secondary">{m('explain')}</Typography.Text>
      <Tabs
        activeKey={showModel ? 'model' : status}
        onChange={(key) => {
          setShowModel(key === 'model');
          if (key === 'model') return;
          setStatus(key as ReviewStatus);
          choose(null);
          setTimeout(() => queue.reload(), 0);
        }}
        items={(['open', 'merged', 'kept_apart', 'model'] as const).map((s) => ({ key: s, label: <span data-testid={`mpi-tab-${s}`}>{m(s)}</span> }))}
      />
      {showModel ? <MpiModelCard /> : null}
      <ErrorAlert error={queue.error} testId="mpi-error" />
      <Row gutter={16} style={showModel ? { display: 'none' } : undefined}>
        <Col xs={24} lg={9}>
          <Card size="small">
            <Table<ReviewItem>
              data-testid="mpi-queue"
              rowKey="id"
              size="small"
              loading={queue.loading}
              dataSource={queue.data ? queue.data.items : []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: m('none') }}
              onRow={(row) => ({ onClick: () => choose(row.id), style: { cursor: 'pointer', background: row.id === selected ? 'rgba(22,119,255,0.08)' : undefined }, 'data-testid': `mpi-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: m('incoming'), key: 'record', render: (_, r) => `${r.record.name} · ${r.record.birthDate ?? ''}` },
                { title: m('candidate'), key: 'candidate', render: (_, r) => `${r.candidate.name} · ${r.candidate.birthDate}` },
                { title: m('probability'), dataIndex: 'matchProbability', render: (p: number) => percent(p) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {selected === null ? (
            <Card size="small">
              <Empty description={m('select')} />
            </Card>
          ) : (
            <>
              <ErrorAlert error={detail.error} testId="mpi-detail-error" />
              {detail.data ? <Pair review={detail.data} busy={busy} m={m} lang={lang} onMerge={() => void act(() => mpiApi.merge(detail.data!.id))} onKeepApart={() => void act(() => mpiApi.keepApart(detail.data!.id))} onUnmerge={(id) => void act(() => mpiApi.unmerge(id))} /> : null}
            </>
          )}
        </Col>
      </Row>
    </Space>
  );
}

interface PairProps {
  readonly review: ReviewDetail;
  readonly busy: boolean;
  readonly lang: 'zh-CN' | 'en';
  readonly m: (key: MpiText, vars?: Record<string, string | number>) => string;
  readonly onMerge: () => void;
  readonly onKeepApart: () => void;
  readonly onUnmerge: (mergeId: number) => void;
}

/** The pair side by side: each field's two values, its agreement level and the weight it adds. */
function Pair({ review, busy, lang, m, onMerge, onKeepApart, onUnmerge }: PairProps) {
  const fields = [...(review.comparison?.fields ?? [])].sort((a, b) => FIELD_ORDER.indexOf(a.column as (typeof FIELD_ORDER)[number]) - FIELD_ORDER.indexOf(b.column as (typeof FIELD_ORDER)[number]));
  const rows = [
    ...fields.map((f) => ({ key: f.column, field: m(f.column as MpiText), left: f.left, right: f.right, level: f.level, weight: f.weight + f.termFrequencyAdjustment })),
    ...(review.comparison ? [{ key: '_prior', field: m('prior'), left: '', right: '', level: '', weight: review.comparison.priorWeight }] : []),
  ];
  return (
    <Card
      size="small"
      data-testid="mpi-detail"
      title={
        <Space wrap>
          <span>#{review.id}</span>
          <Tag color={review.status === 'open' ? 'gold' : review.status === 'merged' ? 'green' : 'default'} data-testid="mpi-status">
            {m(review.status)}
          </Tag>
          <span data-testid="mpi-probability">
            {m('probability')} {percent(review.comparison?.matchProbability ?? review.matchProbability)}
          </span>
        </Space>
      }
      extra={
        <Space>
          {review.status === 'open' ? (
            <>
              <Popconfirm title={m('mergeConfirm')} onConfirm={onMerge} okText={m('merge')} okButtonProps={{ 'data-testid': 'mpi-merge-ok' }}>
                <Button type="primary" loading={busy} data-testid="mpi-merge">
                  {m('merge')}
                </Button>
              </Popconfirm>
              <Button loading={busy} onClick={onKeepApart} data-testid="mpi-keep-apart">
                {m('keepApart')}
              </Button>
            </>
          ) : null}
          {review.status === 'merged' && review.mergeId !== null ? (
            <Popconfirm title={m('unmergeConfirm')} onConfirm={() => onUnmerge(review.mergeId!)} okText={m('unmerge')} okButtonProps={{ 'data-testid': 'mpi-unmerge-ok' }}>
              <Button danger loading={busy} data-testid="mpi-unmerge">
                {m('unmerge')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {m('source')}: {review.record.source} · {review.record.institutionCode ?? ''} · {m('received')} {formatDateTime(review.record.receivedAt, lang)}
        </Typography.Text>
        <Table
          data-testid="mpi-fields"
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          columns={[
            { title: m('field'), dataIndex: 'field' },
            { title: m('incoming'), dataIndex: 'left' },
            { title: m('candidate'), dataIndex: 'right' },
            { title: m('level'), dataIndex: 'level', render: (level: string) => (level ? levelText(lang, level) : '') },
            { title: m('weight'), dataIndex: 'weight', align: 'right', render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{bits(w)}</Typography.Text> },
          ]}
          summary={() =>
            review.comparison ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <strong>{m('total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong data-testid="mpi-total-weight">{bits(review.comparison.matchWeight)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        <Alert type="info" showIcon message={m('thresholds', { link: percent(review.thresholds.link), review: percent(review.thresholds.review) })} />
        <Typography.Text strong>{m('records')}</Typography.Text>
        <Table
          data-testid="mpi-candidate-records"
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={[...review.candidate.records]}
          columns={[
            { title: m('source'), key: 'source', render: (_, r) => `${r.source} · ${r.institutionCode ?? ''}` },
            { title: m('name'), dataIndex: 'name' },
            { title: m('birth_date'), dataIndex: 'birthDate' },
            { title: 'ID', key: 'ids', render: (_, r) => r.identifiers.map((i) => `${i.kind}:${i.value}`).join(', ') },
          ]}
        />
      </Space>
    </Card>
  );
}
