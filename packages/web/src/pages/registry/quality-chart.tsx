import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { QualityTable } from './registry-api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** MV% and DCO% by the first grouping, with the China 2017 reference drawn as lines beside ours. */
export function QualityChart({ table, label, names }: { readonly table: QualityTable; readonly label: (row: QualityTable['rows'][number]) => string; readonly names: { mv: string; dco: string; reference: string } }) {
  const option = useMemo(() => {
    const rows = table.rows.slice(0, 40);
    const ref = table.reference;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: rows.length > 10 ? 40 : 0 } },
      yAxis: [{ type: 'value', name: '%', max: 100 }],
      series: [
        { type: 'bar', name: names.mv, data: rows.map((r) => (r.indicators.mvPercent === null ? null : Number(r.indicators.mvPercent.toFixed(1)))), markLine: { symbol: 'none', label: { formatter: `${names.reference} MV ${ref.mvPercent}%` }, data: [{ yAxis: ref.mvPercent }] } },
        { type: 'bar', name: names.dco, data: rows.map((r) => (r.indicators.dcoPercent === null ? null : Number(r.indicators.dcoPercent.toFixed(2)))), markLine: { symbol: 'none', label: { formatter: `DCO ${ref.dcoPercent}%` }, data: [{ yAxis: ref.dcoPercent }] } },
      ],
    };
  }, [table, label, names]);
  return (
    <div data-testid="registry-quality-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}
