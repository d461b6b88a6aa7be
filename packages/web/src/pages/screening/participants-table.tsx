import { Table, Tag, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import type { ParticipantSummary } from './screening-api.ts';
import { day, isOverdue, stageColour, stageLabel } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/** Participants with their stage, risk, result and follow-up due date; the name opens the participant page. */
export function ParticipantsTable({
  items,
  loading,
  testId,
  selection,
  pagination,
  showCampaign,
}: {
  readonly items: readonly ParticipantSummary[];
  readonly loading: boolean;
  readonly testId: string;
  readonly selection?: { readonly selected: readonly number[]; readonly onChange: (ids: number[]) => void };
  readonly pagination?: TablePaginationConfig | false;
  readonly showCampaign?: (p: ParticipantSummary) => string;
}) {
  const { tx } = useScreening();
  const today = new Date().toISOString().slice(0, 10);
  const columns = [
    { key: 'name', title: tx('name'), render: (_: unknown, p: ParticipantSummary) => <Link to={`/screening/participants/${p.id}`} data-testid={`participant-${p.id}`}>{p.name}</Link> },
    ...(showCampaign ? [{ key: 'campaign', title: tx('campaign'), render: (_: unknown, p: ParticipantSummary) => showCampaign(p) }] : []),
    { key: 'sex', title: tx('sex'), render: (_: unknown, p: ParticipantSummary) => (p.sex === 1 ? tx('male') : p.sex === 2 ? tx('female') : '—') },
    { key: 'age', title: tx('age'), align: 'right' as const, render: (_: unknown, p: ParticipantSummary) => p.ageYears ?? '—' },
    { key: 'clinic', title: tx('clinic'), render: (_: unknown, p: ParticipantSummary) => <span data-testid="participant-clinic">{p.institutionName}</span> },
    { key: 'stage', title: tx('stage'), render: (_: unknown, p: ParticipantSummary) => <Tag color={stageColour(p.stage)} data-stage={p.stage}>{stageLabel(tx, p.stage)}</Tag> },
    {
      key: 'risk',
      title: tx('highRisk'),
      render: (_: unknown, p: ParticipantSummary) => (p.highRisk === null ? <span>{tx('notAssessed')}</span> : p.highRisk ? <Tag color="orange">{tx('highRisk')}</Tag> : tx('notHighRisk')),
    },
    { key: 'positive', title: tx('positive'), render: (_: unknown, p: ParticipantSummary) => (p.positive ? <Tag color="red">{tx('positive')}</Tag> : '') },
    {
      key: 'due',
      title: tx('followUpDue'),
      render: (_: unknown, p: ParticipantSummary) => (p.followUpDueOn ? <span style={isOverdue(p.followUpDueOn, today) ? { color: '#cf1322' } : undefined}>{day(p.followUpDueOn)}</span> : ''),
    },
  ];
  return (
    <Table<ParticipantSummary>
      data-testid={testId}
      size="small"
      rowKey="id"
      loading={loading}
      columns={columns}
      dataSource={[...items]}
      pagination={pagination}
      scroll={{ x: true }}
      locale={{ emptyText: tx('none') }}
      rowSelection={selection ? { selectedRowKeys: [...selection.selected], onChange: (keys) => selection.onChange(keys.map(Number)) } : undefined}
    />
  );
}
