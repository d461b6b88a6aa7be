import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { IndicatorDefinition } from './screening-api.ts';
import type { IndicatorReport } from './screening-api.ts';
import { indicatorSeries, indicatorTooltipHtml, local } from './screening-view.ts';
import { useScreening } from './use-screening.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** One indicator across the groups; hovering a bar shows the value, its interval, the numerator and the denominator. */
export function IndicatorsChart({ report, definition }: { readonly report: IndicatorReport; readonly definition: IndicatorDefinition }) {
  const { tx, lang } = useScreening();
  const option = useMemo(() => {
    const series = indicatorSeries(report, definition.id);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }> | { dataIndex: number }) => {
          const first = Array.isArray(params) ? params[0] : params;
          const i = first?.dataIndex ?? 0;
          return indicatorTooltipHtml(series.categories[i] ?? '', definition, series.items[i], lang, tx);
        },
      },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: series.categories, axisLabel: { rotate: series.categories.length > 6 ? 35 : 0, interval: 0 } },
      yAxis: { type: 'value', name: definition.scale === 100 ? '%' : definition.scale === 1000 ? '‰' : local(definition.unit, lang) },
      series: [{ type: 'bar', name: local(definition.label, lang), data: series.values, itemStyle: { color: '#0b6e69' }, barMaxWidth: 48 }],
    };
  }, [report, definition, lang, tx]);
  return (
    <div data-testid="indicators-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360 }} />
    </div>
  );
}
