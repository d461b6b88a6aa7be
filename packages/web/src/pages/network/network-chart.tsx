import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ES module build: the CommonJS lib/core default export arrives wrapped in an object.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { NetworkSummary } from './network-summary.ts';

// Only the parts used: a stacked bar chart (keeps the ECharts chunk small).
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Active members by tier (bars) and type (stacks), from the institution list the server sent. */
export function NetworkChart({ summary }: { readonly summary: NetworkSummary }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: summary.tiers.map((tier) => t(`tier.${tier}`)), inverse: true },
      series: summary.types.map((type) => ({
        name: t(`institutionType.${type}`),
        type: 'bar',
        stack: 'members',
        emphasis: { focus: 'series' },
        label: { show: true, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
        data: [...summary.counts[type]],
      })),
    }),
    [summary, t],
  );
  return (
    <div data-testid="network-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260 }} />
    </div>
  );
}
