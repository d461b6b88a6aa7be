import type { IndicatorId } from '@onconet/domain/screening/types';
import { Card, Col, DatePicker, Row, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { IndicatorsChart } from './indicators-chart.tsx';
import { screeningApi, type IndicatorDefinition, type IndicatorGroup, type IndicatorGrouping, type IndicatorQuery, type ProgrammeCode } from './screening-api.ts';
import { day, findIndicator, formatCount, formatIndicator, formatInterval, indicatorLines, local } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

const GROUPINGS: readonly IndicatorGrouping[] = ['campaign', 'programme', 'institution', 'area', 'period'];

/** 筛查指标 — every indicator of the domain's one definition, by campaign, programme, institution, area or period. */
export default function IndicatorsPage() {
  const { tx, lang, can } = useScreening();
  const personal = can('screening.read');
  const [by, setBy] = useState<IndicatorGrouping>('campaign');
  const [programme, setProgramme] = useState<ProgrammeCode | undefined>();
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [period, setPeriod] = useState<'year' | 'month'>('year');
  const [chosen, setChosen] = useState<IndicatorId>('participation_rate');
  const query: IndicatorQuery = {
    by,
    programme,
    campaignId,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    period: by === 'period' ? period : undefined,
  };
  const key = JSON.stringify(query);
  const report = useLoad(() => screeningApi.indicators(query));
  const { reload } = report;
  useEffect(() => reload(), [key, reload]);
  const programmes = useLoad(() => screeningApi.programmes().catch(() => ({ items: [] })));
  const campaigns = useLoad(() => (personal ? screeningApi.campaigns() : Promise.resolve({ items: [] })));
  const data = report.data;
  const definition = data?.definitions.find((d) => d.id === chosen) ?? data?.definitions[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="screening-indicators">
      <Typography.Title level={3} style={{ margin: 0 }}>{tx('indicators')}</Typography.Title>
      <Card size="small">
        <Space wrap>
          <span>{tx('by')}</span>
          <Segmented<IndicatorGrouping> data-testid="indicators-by" value={by} onChange={setBy} options={GROUPINGS.map((g) => ({ value: g, label: tx(`by_${g}`) }))} />
          {by === 'period' ? <Segmented<'year' | 'month'> value={period} onChange={setPeriod} options={[{ value: 'year', label: tx('period_year') }, { value: 'month', label: tx('period_month') }]} /> : null}
          <Select<ProgrammeCode>
            allowClear
            style={{ minWidth: 180 }}
            placeholder={tx('allProgrammes')}
            value={programme}
            onChange={setProgramme}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: local(p.name, lang) }))}
            aria-label={tx('programme')}
          />
          {personal ? (
            <Select<number>
              allowClear
              showSearch
              optionFilterProp="label"
              data-testid="indicators-campaign"
              style={{ minWidth: 220 }}
              placeholder={tx('allCampaigns')}
              value={campaignId}
              onChange={setCampaignId}
              options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              aria-label={tx('campaign')}
            />
          ) : null}
          <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} placeholder={[tx('from'), tx('to')]} />
        </Space>
      </Card>
      <ErrorAlert error={report.error} testId="indicators-error" />
      {data && definition ? (
        <>
          <Space wrap>
            <span>{tx('indicator')}</span>
            <Select<IndicatorId>
              data-testid="indicators-choose"
              style={{ minWidth: 260 }}
              value={definition.id}
              onChange={setChosen}
              options={data.definitions.map((d) => ({ value: d.id, label: local(d.label, lang) }))}
            />
            <Typography.Text type="secondary">{tx('asOf', { date: day(data.asOf) })}</Typography.Text>
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={local(definition.label, lang)}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="indicator-definition">
                  {tx('numerator')}: {local(definition.numerator.label, lang)} · {tx('denominator')}: {local(definition.denominator.label, lang)}
                </Typography.Paragraph>
                <IndicatorsChart report={data} definition={definition} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <OneIndicatorTable groups={data.groups} total={data.total.indicators} definition={definition} />
            </Col>
          </Row>
          <AllIndicatorsTable definitions={data.definitions} groups={data.groups} total={data.total} />
        </>
      ) : null}
    </Space>
  );
}

function OneIndicatorTable({ groups, total, definition }: { readonly groups: readonly IndicatorGroup[]; readonly total: IndicatorGroup['indicators']; readonly definition: IndicatorDefinition }) {
  const { tx, lang } = useScreening();
  const rows = [...groups.map((g) => ({ key: g.key, label: g.label, value: findIndicator(g.indicators, definition.id) })), { key: '__total', label: tx('total'), value: findIndicator(total, definition.id) }];
  return (
    <Table
      data-testid="indicators-table"
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ y: 420 }}
      dataSource={rows}
      columns={[
        { key: 'group', title: tx('group'), render: (_: unknown, r: (typeof rows)[number]) => (r.key === '__total' ? <strong>{r.label}</strong> : r.label) },
        { key: 'value', title: tx('value'), align: 'right', render: (_: unknown, r: (typeof rows)[number]) => formatIndicator(definition, r.value?.value ?? null, lang) },
        { key: 'num', title: tx('numerator'), align: 'right', render: (_: unknown, r: (typeof rows)[number]) => (r.value ? formatCount(r.value.numerator, lang) : '—') },
        { key: 'den', title: tx('denominator'), align: 'right', render: (_: unknown, r: (typeof rows)[number]) => (r.value ? formatCount(r.value.denominator, lang) : '—') },
        { key: 'ci', title: tx('ci95'), align: 'right', render: (_: unknown, r: (typeof rows)[number]) => (r.value ? formatInterval(definition, r.value, lang) : '') },
      ]}
    />
  );
}

function AllIndicatorsTable({ definitions, groups, total }: { readonly definitions: readonly IndicatorDefinition[]; readonly groups: readonly IndicatorGroup[]; readonly total: { readonly indicators: IndicatorGroup['indicators'] } }) {
  const { tx, lang } = useScreening();
  const rows = useMemo(() => [...groups.map((g) => ({ key: g.key, label: g.label, indicators: g.indicators })), { key: '__total', label: tx('total'), indicators: total.indicators }], [groups, total, tx]);
  return (
    <Table
      data-testid="indicators-all"
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      columns={[
        { key: 'group', title: tx('group'), fixed: 'left' as const, render: (_: unknown, r: (typeof rows)[number]) => (r.key === '__total' ? <strong>{r.label}</strong> : r.label) },
        ...definitions.map((d) => ({
          key: d.id,
          title: (
            <Tooltip title={`${tx('numerator')}: ${local(d.numerator.label, lang)} / ${tx('denominator')}: ${local(d.denominator.label, lang)}`}>
              <span>{local(d.label, lang)}</span>
            </Tooltip>
          ),
          align: 'right' as const,
          render: (_: unknown, r: (typeof rows)[number]) => {
            const v = findIndicator(r.indicators, d.id);
            return (
              <Tooltip title={<div>{indicatorLines(d, v, lang, tx).map((line) => <div key={line}>{line}</div>)}</div>}>
                <span data-testid={`cell-${d.id}`}>{formatIndicator(d, v?.value ?? null, lang)}</span>
              </Tooltip>
            );
          },
        })),
      ]}
    />
  );
}
