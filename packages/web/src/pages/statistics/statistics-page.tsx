import { Alert, Button, Card, Col, Collapse, Empty, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localName } from '../../i18n/labels.ts';
import { api } from '../../api/index.ts';
import { useMe } from '../../session/session-context.tsx';
import { formatRate, tableRows } from './report-view.ts';
import { statisticsApi, type IncidenceQuery, type ReportCell, type ReportRow, type SexKey, type SiteScheme } from './statistics-api.ts';
import { AgeSpecificChart, TopSitesChart, TrendChart } from './statistics-charts.tsx';
import { QualityTab } from '../registry/quality-tab.tsx';
import { SurvivalCard } from './survival-card.tsx';

const SEXES: readonly SexKey[] = ['both', 'male', 'female'];

/** The catchment picker's values: `d:<division code>` or `i:<institution id>` (its county). */
function parseCatchment(value: string): Pick<IncidenceQuery, 'division' | 'institution'> {
  return value.startsWith('i:') ? { division: '500000', institution: Number(value.slice(2)) } : { division: value.slice(2), institution: undefined };
}
const SCHEMES: readonly SiteScheme[] = ['nccr', 'ci5', 'icd10'];

/** 统计分析 — NCCR's annual-report incidence table for a catchment and years, with its charts and exports. */
export default function StatisticsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const options = useLoad(async () => {
    const [catchments, institutions] = await Promise.all([statisticsApi.catchments(), me.permissions.includes('network.read') ? api.institutions(false) : Promise.resolve({ items: [] })]);
    return { ...catchments, institutions: institutions.items.filter((i) => i.tier !== 'primary') };
  });
  const years = options.data?.years ?? [];
  const [chosen, setChosen] = useState<Partial<IncidenceQuery>>({});
  const [sex, setSex] = useState<SexKey>('both');
  const query: IncidenceQuery | null = years.length === 0 ? null : { division: chosen.division ?? '500000', institution: chosen.institution, from: chosen.from ?? years[0]!, to: chosen.to ?? years[years.length - 1]!, scheme: chosen.scheme ?? 'nccr' };
  const key = query ? JSON.stringify(query) : '';
  const report = useLoad(() => (query ? statisticsApi.incidence(query) : Promise.resolve(null)));
  const { reload } = report;
  // The loader reads the latest choice; a new choice (or the years arriving) asks again.
  useEffect(() => reload(), [key, reload]);
  const data = report.data;
  const rows = useMemo(() => (data ? tableRows(data, sex) : []), [data, sex]);

  const cellOf = (row: ReportRow) => row.cells[sex];
  const hidden = (c: ReportCell) => c.cases === null;
  const rate = (pick: (c: ReportCell) => number | null) => (row: ReportRow) => (hidden(cellOf(row)) ? '' : formatRate(pick(cellOf(row))));
  const columns = [
    { key: 'site', title: t('stats.col.site'), render: (_: unknown, row: ReportRow) => (row.total ? <strong>{lang === 'zh-CN' ? row.site.zh : row.site.en}</strong> : lang === 'zh-CN' ? row.site.zh : row.site.en) },
    { key: 'icd10', title: 'ICD-10', render: (_: unknown, row: ReportRow) => <Typography.Text type="secondary">{row.site.icd10}</Typography.Text> },
    {
      key: 'cases',
      title: t('stats.col.cases'),
      align: 'right' as const,
      render: (_: unknown, row: ReportRow) =>
        hidden(cellOf(row)) ? (
          <Tooltip title={t('stats.suppressedHint', { n: data?.suppressBelow ?? 10 })}>
            <Tag data-testid="suppressed-cell">{t('stats.suppressed')}</Tag>
          </Tooltip>
        ) : (
          cellOf(row).cases
        ),
    },
    { key: 'crude', title: t('stats.col.crude'), align: 'right' as const, render: (_: unknown, row: ReportRow) => rate((c) => c.crudeRate)(row) },
    { key: 'proportion', title: t('stats.col.proportion'), align: 'right' as const, render: (_: unknown, row: ReportRow) => (row.total ? '' : rate((c) => c.proportion)(row)) },
    { key: 'asrChina', title: t('stats.col.asrChina'), align: 'right' as const, render: (_: unknown, row: ReportRow) => rate((c) => c.asrChina)(row) },
    { key: 'ci', title: t('stats.col.ci'), align: 'right' as const, render: (_: unknown, row: ReportRow) => (hidden(cellOf(row)) ? '' : `${formatRate(cellOf(row).asrChinaLower)}–${formatRate(cellOf(row).asrChinaUpper)}`) },
    { key: 'asrWorld', title: t('stats.col.asrWorld'), align: 'right' as const, render: (_: unknown, row: ReportRow) => rate((c) => c.asrWorld)(row) },
    { key: 'cum', title: t('stats.col.cum'), align: 'right' as const, render: (_: unknown, row: ReportRow) => rate((c) => c.cumRate0to74)(row) },
  ];
  const exportLang = lang === 'zh-CN' ? 'zh' : 'en';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('stats.title')}
      </Typography.Title>
      {options.error && <ErrorAlert error={options.error} />}
      <Card size="small">
        <Space wrap>
          <Select
            data-testid="stats-catchment"
            style={{ minWidth: 240 }}
            showSearch
            optionFilterProp="label"
            value={query?.institution === undefined ? `d:${query?.division ?? '500000'}` : `i:${query.institution}`}
            onChange={(value: string) => setChosen((c) => ({ ...c, ...parseCatchment(value) }))}
            options={[
              { label: t('stats.catchment.areas'), options: (options.data?.catchments ?? []).map((c) => ({ value: `d:${c.divisionCode}`, label: `${localName(c, lang)} ${c.divisionCode}` })) },
              { label: t('stats.catchment.institutions'), options: (options.data?.institutions ?? []).map((i) => ({ value: `i:${i.id}`, label: localName(i, lang) })) },
            ]}
            aria-label={t('stats.catchment')}
          />
          <Select aria-label={t('stats.from')} value={query?.from} onChange={(from: number) => setChosen((c) => ({ ...c, from }))} options={years.map((y) => ({ value: y, label: String(y) }))} />
          <span>–</span>
          <Select aria-label={t('stats.to')} value={query?.to} onChange={(to: number) => setChosen((c) => ({ ...c, to }))} options={years.map((y) => ({ value: y, label: String(y) }))} />
          <Select aria-label={t('stats.scheme')} value={query?.scheme ?? 'nccr'} onChange={(scheme: SiteScheme) => setChosen((c) => ({ ...c, scheme }))} options={SCHEMES.map((s) => ({ value: s, label: t(`stats.scheme.${s}`) }))} />
          <Segmented<SexKey> value={sex} onChange={setSex} options={SEXES.map((s) => ({ value: s, label: t(`stats.sex.${s}`) }))} />
          {query && (
            <>
              <Button href={statisticsApi.exportUrl(query, 'csv', exportLang)}>{t('stats.exportCsv')}</Button>
              <Button href={statisticsApi.exportUrl(query, 'xlsx', exportLang)}>{t('stats.exportXlsx')}</Button>
              <Tooltip title={t('stats.exportCi5Hint')}>
                <Button href={statisticsApi.ci5Url(query)} data-testid="stats-export-ci5">
                  {t('stats.exportCi5')}
                </Button>
              </Tooltip>
            </>
          )}
        </Space>
      </Card>
      {years.length === 0 && !options.loading && <Empty description={t('stats.noPopulation')} />}
      {report.error && <ErrorAlert error={report.error} />}
      {data && data.suppressBelow !== null && <Alert type="info" showIcon message={t('stats.suppressionNotice', { n: data.suppressBelow })} />}
      {data && (
        <>
          <Typography.Text type="secondary" data-testid="stats-caption">
            {t('stats.caption', { place: localName(data.catchment, lang), from: data.years[0] ?? '', to: data.years[data.years.length - 1] ?? '', py: Math.round(data.personYears[sex]).toLocaleString(lang) })}
          </Typography.Text>
          <Table<ReportRow> data-testid="stats-table" size="small" rowKey={(r) => r.site.id} loading={report.loading} columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: t('stats.noCases') }} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small"><TopSitesChart report={data} sex={sex} /></Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small"><AgeSpecificChart report={data} /></Card>
            </Col>
            <Col xs={24}>
              <Card size="small"><TrendChart report={data} /></Card>
            </Col>
          </Row>
          {query && <SurvivalCard query={query} report={data} />}
        </>
      )}
      <Collapse
        data-testid="stats-quality"
        destroyOnHidden
        items={[{ key: 'quality', label: t('stats.quality'), children: <QualityTab /> }]}
      />
    </Space>
  );
}
