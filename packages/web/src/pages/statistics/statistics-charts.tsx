import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { allSitesRow, topSites } from './report-view.ts';
import type { Incidence, SexKey } from './statistics-api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const chartStyle = { height: 300 };

/** Top-10 sites by ASR China for the chosen sex. */
export function TopSitesChart({ report, sex }: { readonly report: Incidence; readonly sex: SexKey }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const top = topSites(report, sex);
    return {
      title: { text: t('stats.chart.top10'), left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: t('stats.per100k') },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => (lang === 'zh-CN' ? r.site.zh : r.site.en)) },
      series: [{ type: 'bar', name: t('stats.col.asrChina'), data: top.map((r) => Number(r.cells[sex].asrChina!.toFixed(2))) }],
    };
  }, [report, sex, t, lang]);
  return (
    <div data-testid="stats-top10">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} />
    </div>
  );
}

/** Age-specific incidence of all sites, men against women (suppressed age cells left as gaps). */
export function AgeSpecificChart({ report }: { readonly report: Incidence }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const all = allSitesRow(report);
    const line = (sex: 'male' | 'female') => ({ type: 'line', name: t(`stats.sex.${sex}`), connectNulls: false, data: (all?.cells[sex].ageSpecific ?? []).map((v) => (v === null ? null : Number(v.toFixed(2)))) });
    return {
      title: { text: t('stats.chart.ageSpecific'), left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: [...report.ageGroups], name: t('stats.age') },
      yAxis: { type: 'value', name: t('stats.per100k') },
      series: [line('male'), line('female')],
    };
  }, [report, t]);
  return (
    <div data-testid="stats-age-specific">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} />
    </div>
  );
}

/** ASR China and world of all sites year by year, with the EAPC in the title. */
export function TrendChart({ report }: { readonly report: Incidence }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const eapc = report.eapc ? t('stats.chart.eapc', { eapc: report.eapc.eapc.toFixed(1), lower: report.eapc.lower.toFixed(1), upper: report.eapc.upper.toFixed(1) }) : '';
    const values = (key: 'asrChina' | 'asrWorld') => report.trend.map((p) => (p[key] === null ? null : Number(p[key].toFixed(2))));
    return {
      title: { text: t('stats.chart.trend'), subtext: eapc, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 56, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: report.trend.map((p) => String(p.year)) },
      yAxis: { type: 'value', name: t('stats.per100k') },
      series: [
        { type: 'line', name: t('stats.col.asrChina'), data: values('asrChina') },
        { type: 'line', name: t('stats.col.asrWorld'), data: values('asrWorld') },
      ],
    };
  }, [report, t]);
  return (
    <div data-testid="stats-trend">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={chartStyle} />
    </div>
  );
}
