import { Alert, Button, Card, Descriptions, Input, InputNumber, Select, Space, Table, Tabs, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/index.ts';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { screeningApi, STAGES, type CampaignDetail, type ImportResult, type Stage } from './screening-api.ts';
import { ParticipantsTable } from './participants-table.tsx';
import { SitesCard } from './sites-card.tsx';
import { catchmentLabel, day, importProblemRows } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

/** 筛查活动详情 — participants and their stage, the target population, invitations, sites and slots. */
export default function CampaignPage() {
  const { tx, lang, can } = useScreening();
  const campaignId = Number(useParams().campaignId);
  const campaign = useLoad(() => screeningApi.campaign(campaignId));
  const divisions = useLoad(() => (can('network.read') ? api.divisions() : Promise.resolve({ items: [] })));
  const c = campaign.data;
  const [round, setRound] = useState(0);
  const changed = () => {
    campaign.reload();
    setRound((r) => r + 1);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-campaign">
      <Link to="/screening/campaigns">← {tx('campaigns')}</Link>
      <ErrorAlert error={campaign.error} testId="campaign-error" />
      {c ? (
        <>
          <Typography.Title level={3} style={{ margin: 0 }}>{c.name}</Typography.Title>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'series', label: tx('series'), children: c.series ?? '—' },
              { key: 'institution', label: tx('institution'), children: c.institutionName },
              { key: 'dates', label: tx('dates'), children: `${day(c.startDate)} – ${day(c.endDate)}` },
              { key: 'status', label: tx('status'), children: tx(`status_${c.status}`) },
              { key: 'catchment', label: tx('catchment'), children: catchmentLabel(c.catchment, divisions.data?.items ?? [], lang) },
              {
                key: 'counts',
                label: tx('participants'),
                children: `${tx('targeted')} ${c.counts.targeted.toLocaleString(lang)} · ${tx('invited')} ${c.counts.invited.toLocaleString(lang)} · ${tx('participated')} ${c.counts.participated.toLocaleString(lang)} · ${tx('screened')} ${c.counts.screened.toLocaleString(lang)} · ${tx('positives')} ${c.counts.positive} · ${tx('cancers')} ${c.counts.cancer}`,
              },
            ]}
          />
          <Tabs
            items={[
              { key: 'participants', label: tx('participants'), children: <ParticipantsTab campaign={c} round={round} onChange={changed} /> },
              { key: 'target', label: tx('targetAndImport'), children: <TargetTab campaign={c} onChange={changed} /> },
              { key: 'invitations', label: tx('invitations'), children: <InvitationsTab campaign={c} onChange={changed} /> },
              { key: 'sites', label: tx('sites'), children: <SitesCard campaign={c} onChange={changed} /> },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

function ParticipantsTab({ campaign, round, onChange }: { readonly campaign: CampaignDetail; readonly round: number; readonly onChange: () => void }) {
  const { tx, can, act } = useScreening();
  const [stage, setStage] = useState<Stage | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const pageSize = 50;
  const list = useLoad(() => screeningApi.participants(campaign.id, { status: stage, q: q || undefined, limit: pageSize, offset: (page - 1) * pageSize }));
  const { reload } = list;
  useEffect(() => reload(), [stage, q, page, round, reload]);
  const invite = async () => {
    const done = await act(() => screeningApi.invite(campaign.id, selected));
    if (done) {
      setSelected([]);
      onChange();
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select<Stage>
          allowClear
          data-testid="participants-stage"
          style={{ minWidth: 180 }}
          placeholder={tx('stage')}
          value={stage}
          onChange={(v) => {
            setStage(v);
            setPage(1);
          }}
          options={STAGES.map((s) => ({ value: s, label: tx(`stage_${s}`) }))}
        />
        <Input.Search
          data-testid="participants-search"
          allowClear
          placeholder={tx('search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        {can('screening.write') && selected.length > 0 ? <Button onClick={() => void invite()}>{tx('inviteSelected', { n: selected.length })}</Button> : null}
        {list.data ? <Typography.Text type="secondary" data-testid="participants-total">{tx('totalN', { n: list.data.total })}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={list.error} testId="participants-error" />
      <ParticipantsTable
        items={list.data?.items ?? []}
        loading={list.loading}
        testId="participants-table"
        selection={can('screening.write') ? { selected, onChange: setSelected } : undefined}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Space>
  );
}

function TargetTab({ campaign, onChange }: { readonly campaign: CampaignDetail; readonly onChange: () => void }) {
  const { tx, can, act } = useScreening();
  const [limit, setLimit] = useState<number | null>(null);
  const [drawn, setDrawn] = useState<{ added: number; ineligible: number; alreadyIn: number } | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const draw = async () => {
    setBusy(true);
    const result = await act(() => screeningApi.target(campaign.id, limit ?? undefined));
    setBusy(false);
    if (result) {
      setDrawn(result);
      onChange();
    }
  };
  const upload: UploadProps['customRequest'] = (options) => {
    setImported(null);
    setImportError(null);
    setBusy(true);
    screeningApi
      .importList(campaign.id, options.file as File)
      .then((r) => {
        setImported(r);
        onChange();
      })
      .catch((e: unknown) => setImportError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))))
      .finally(() => setBusy(false));
  };
  // The report names row and column: from the problem's field errors (`row 2: sex`) or an `errors` list in the answer.
  const rowErrors = importProblemRows(importError?.fieldErrors ?? []);
  const reportRows = [...rowErrors, ...(imported?.errors ?? []).map((e, i) => ({ key: 1000 + i, row: String(e.row), column: e.column, message: e.message }))];
  const manage = can('screening.manage');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={tx('drawTarget')}>
        <Typography.Paragraph type="secondary">{tx('drawTargetHint')}</Typography.Paragraph>
        <Space>
          <span>{tx('limit')}</span>
          <InputNumber min={1} value={limit} onChange={(v) => setLimit(v)} />
          <Button type="primary" disabled={!manage} loading={busy} onClick={() => void draw()} data-testid="campaign-draw">{tx('draw')}</Button>
        </Space>
        {drawn ? <Alert style={{ marginTop: 12 }} type="success" showIcon message={tx('drawn', drawn)} data-testid="campaign-drawn" /> : null}
      </Card>
      <Card size="small" title={tx('importList')}>
        <Typography.Paragraph type="secondary">{tx('importHint')}</Typography.Paragraph>
        <Upload accept=".csv,.xlsx" showUploadList={false} customRequest={upload} disabled={!manage || busy}>
          <Button disabled={!manage} loading={busy} data-testid="campaign-import">{tx('chooseFile')}</Button>
        </Upload>
        {imported ? <Alert style={{ marginTop: 12 }} type="success" showIcon message={tx('imported', { added: imported.added, linked: imported.linked, created: imported.created, alreadyIn: imported.alreadyIn })} data-testid="campaign-imported" /> : null}
        {importError ? <div style={{ marginTop: 12 }}><ErrorAlert error={importError} testId="campaign-import-error" /></div> : null}
        {reportRows.length > 0 ? (
          <>
            <Typography.Text type="danger">{tx('importRejected')}</Typography.Text>
            <Table
              data-testid="campaign-import-report"
              size="small"
              rowKey="key"
              dataSource={reportRows}
              pagination={{ pageSize: 20 }}
              columns={[
                { key: 'row', title: tx('row'), dataIndex: 'row' },
                { key: 'column', title: tx('column'), dataIndex: 'column' },
                { key: 'message', title: tx('message'), dataIndex: 'message' },
              ]}
            />
          </>
        ) : null}
      </Card>
    </Space>
  );
}

function InvitationsTab({ campaign, onChange }: { readonly campaign: CampaignDetail; readonly onChange: () => void }) {
  const { tx, can, act } = useScreening();
  const [invited, setInvited] = useState<number | null>(null);
  const inviteAll = async () => {
    const result = await act(() => screeningApi.invite(campaign.id));
    if (result) {
      setInvited(result.invited);
      onChange();
    }
  };
  return (
    <Space direction="vertical" size="middle">
      <Space wrap>
        <Button type="primary" disabled={!can('screening.write')} onClick={() => void inviteAll()} data-testid="campaign-invite-all">{tx('inviteAll')}</Button>
        {can('screening.manage') ? (
          <>
            <Button href={screeningApi.exportUrl(campaign.id, 'print')} data-testid="campaign-export-print">{tx('printList')}</Button>
            <Button href={screeningApi.exportUrl(campaign.id, 'sms')} data-testid="campaign-export-sms">{tx('smsExport')}</Button>
          </>
        ) : null}
      </Space>
      {invited !== null ? <Alert type="success" showIcon message={tx('invitedN', { n: invited })} /> : null}
      <Typography.Text type="secondary">
        {tx('invited')}: {campaign.counts.invited} / {tx('targeted')}: {campaign.counts.targeted}
      </Typography.Text>
    </Space>
  );
}
