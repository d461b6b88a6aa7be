import { Segmented, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { ParticipantsTable } from './participants-table.tsx';
import { screeningApi, WORKLISTS, type WorklistName } from './screening-api.ts';
import { useScreening } from './use-screening.ts';

const isWorklist = (v: string | null): v is WorklistName => v !== null && (WORKLISTS as readonly string[]).includes(v);

/** 随访工作清单 — positives awaiting diagnostic follow-up, those overdue, the unreachable; in the user's scope. */
export default function WorklistsPage() {
  const { tx } = useScreening();
  const [params, setParams] = useSearchParams();
  const listParam = params.get('list');
  const list: WorklistName = isWorklist(listParam) ? listParam : 'awaiting_follow_up';
  const [campaignId, setCampaignId] = useState<number | undefined>(params.get('campaignId') ? Number(params.get('campaignId')) : undefined);
  const campaigns = useLoad(() => screeningApi.campaigns());
  const items = useLoad(() => screeningApi.worklist(list, campaignId));
  const { reload } = items;
  useEffect(() => reload(), [list, campaignId, reload]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-worklists">
      <Typography.Title level={3} style={{ margin: 0 }}>{tx('worklists')}</Typography.Title>
      <Space wrap>
        <Segmented<WorklistName>
          data-testid="worklist-switch"
          value={list}
          onChange={(v) => setParams((p) => {
            p.set('list', v);
            return p;
          })}
          options={WORKLISTS.map((l) => ({ value: l, label: tx(`list_${l}`) }))}
        />
        <Select<number>
          allowClear
          style={{ minWidth: 260 }}
          placeholder={tx('allCampaigns')}
          value={campaignId}
          onChange={setCampaignId}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          aria-label={tx('campaign')}
        />
        {items.data ? <Typography.Text type="secondary" data-testid="worklist-total">{tx('totalN', { n: items.data.total })}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={items.error} testId="worklist-error" />
      <ParticipantsTable items={items.data?.items ?? []} loading={items.loading} testId="worklist-table" pagination={{ pageSize: 50 }} />
    </Space>
  );
}
