import { Alert, Card, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { statisticsApi, type Incidence, type IncidenceQuery, type Survival, type SurvivalChoice, type SurvivalMethod, type SurvivalStratum } from './statistics-api.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const percent = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

/** Survival curves with their 95% band: the band is drawn as a stacked area from the lower to the upper limit. */
function SurvivalChart({ survival }: { readonly survival: Survival }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const shown = survival.strata.filter((s) => !s.suppressed);
    const series = shown.flatMap((s) => {
      const name = t(`stats.survival.stratum.${s.key}`);
      const lower = s.curve.map((p) => [p.years, p.lower ?? p.survival]);
      const band = s.curve.map((p) => [p.years, (p.upper ?? p.survival) - (p.lower ?? p.survival)]);
      return [
        { type: 'line', name, step: 'end', showSymbol: false, data: s.curve.map((p) => [p.years, p.survival]) },
        { type: 'line', name: `${name} 95% CI`, stack: s.key, step: 'end', showSymbol: false, lineStyle: { opacity: 0 }, data: lower, tooltip: { show: false } },
        { type: 'line', name: `${name} 95% CI`, stack: s.key, step: 'end', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.15 }, data: band, tooltip: { show: false } },
      ];
    });
    return {
      title: { text: t(survival.method === 'km' ? 'stats.survival.observed' : 'stats.survival.net'), left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: shown.map((s) => t(`stats.survival.stratum.${s.key}`)) },
      grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
      xAxis: { type: 'value', name: t('stats.survival.years'), min: 0 },
      yAxis: { type: 'value', min: 0, max: survival.method === 'km' ? 1 : undefined },
      series,
    };
  }, [survival, t]);
  return (
    <div data-testid="stats-survival-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}

/** 生存分析 — observed or net survival of one site of the table above, for the same catchment and years. */
export function SurvivalCard({ query, report }: { readonly query: IncidenceQuery; readonly report: Incidence }) {
  const { t, lang } = useI18n();
  const [choice, setChoice] = useState<SurvivalChoice>({ site: 'all', method: 'km', by: 'none' });
  const key = JSON.stringify([query, choice]);
  const survival = useLoad(() => statisticsApi.survival(query, choice));
  const { reload } = survival;
  useEffect(() => reload(), [key, reload]);
  const sites = report.rows.filter((r) => !r.total).map((r) => ({ value: r.site.id, label: lang === 'zh-CN' ? r.site.zh : r.site.en }));
  const data = survival.data;
  const columns = [
    { key: 'stratum', title: t('stats.survival.stratum'), render: (_: unknown, s: SurvivalStratum) => t(`stats.survival.stratum.${s.key}`) },
    { key: 'n', title: t('stats.survival.n'), align: 'right' as const, render: (_: unknown, s: SurvivalStratum) => (s.suppressed ? <Tag>{t('stats.suppressed')}</Tag> : `${s.n} / ${s.deaths}`) },
    ...[1, 3, 5].map((years) => ({
      key: `y${years}`,
      title: t('stats.survival.at', { years }),
      align: 'right' as const,
      render: (_: unknown, s: SurvivalStratum) => {
        const at = s.times.find((x) => x.years === years);
        return at && at.survival !== null ? `${percent(at.survival)} (${percent(at.lower)}–${percent(at.upper)})` : '—';
      },
    })),
    { key: 'median', title: t('stats.survival.median'), align: 'right' as const, render: (_: unknown, s: SurvivalStratum) => (s.medianYears === null ? '—' : s.medianYears.toFixed(2)) },
  ];
  return (
    <Card size="small" title={t('stats.survival.title')} data-testid="stats-survival">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select aria-label={t('stats.col.site')} style={{ minWidth: 200 }} value={choice.site} onChange={(site: string) => setChoice((c) => ({ ...c, site }))} options={[{ value: 'all', label: t('stats.survival.allSites') }, ...sites]} />
          <Segmented<SurvivalMethod> value={choice.method} onChange={(method) => setChoice((c) => ({ ...c, method }))} options={[{ value: 'km', label: t('stats.survival.km') }, { value: 'pohar-perme', label: t('stats.survival.pp') }]} />
          <Segmented<'none' | 'sex'> value={choice.by} onChange={(by) => setChoice((c) => ({ ...c, by }))} options={[{ value: 'none', label: t('stats.sex.both') }, { value: 'sex', label: t('stats.survival.bySex') }]} />
        </Space>
        {survival.error && <ErrorAlert error={survival.error} />}
        {data?.lifeTable && <Alert type="warning" showIcon message={t('stats.survival.modelTable')} />}
        {data && (
          <Typography.Text type="secondary">
            {t('stats.survival.caption', { date: data.closingDate, dco: data.excluded.dco, zero: data.excluded.zeroTime })}
          </Typography.Text>
        )}
        {data && data.strata.every((s) => s.n === 0) ? (
          <Empty description={t('stats.noCases')} />
        ) : (
          data && (
            <>
              <SurvivalChart survival={data} />
              <Table<SurvivalStratum> size="small" rowKey="key" pagination={false} columns={columns} dataSource={[...data.strata]} data-testid="stats-survival-table" />
            </>
          )
        )}
      </Space>
    </Card>
  );
}
