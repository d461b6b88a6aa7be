import { Alert, Card, Checkbox, Descriptions, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../../forms/error-alert.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { QualityChart } from './quality-chart.tsx';
import { registryApi, type Indicators, type QualityRow } from './registry-api.ts';
import { registryText, type TextKey } from './registry-text.ts';

const DIMENSIONS = ['year', 'site', 'sex', 'institution', 'county'] as const;
const fmt = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
const INDICATORS: ReadonlyArray<[TextKey, (i: Indicators) => string]> = [
  ['cases', (i) => String(i.cases)], ['mv', (i) => fmt(i.mvPercent)], ['dco', (i) => fmt(i.dcoPercent, 2)], ['clinical', (i) => fmt(i.clinicalOnlyPercent)],
  ['unknownBasis', (i) => fmt(i.unknownBasisPercent)], ['c80', (i) => fmt(i.primaryUnknownPercent)], ['mi', (i) => fmt(i.miRatio, 2)],
  ['unspecified', (i) => fmt(i.unspecifiedMorphologyPercent)], ['unknownAge', (i) => fmt(i.unknownAgePercent)], ['delay', (i) => fmt(i.meanDelayDays, 0)], ['onTime', (i) => fmt(i.onTimePercent)],
];

/** 数据质量 — MV%, DCO%, M/I … by the groupings chosen, with the China 2017 reference beside ours. */
export function QualityTab() {
  const { lang } = useI18n();
  const tx = registryText(lang);
  const [by, setBy] = useState<string[]>(['year']);
  const quality = useLoad(() => registryApi.quality(by));
  const { reload } = quality;
  const key = by.join(',');
  useEffect(() => reload(), [key, reload]);
  const label = useCallback(
    (r: QualityRow) =>
      [r.year, r.siteName ? (lang === 'zh-CN' ? r.siteName.zh : r.siteName.en) : null, r.sex === null ? null : r.sex === 1 ? tx('male') : tx('female'), r.institutionName, r.county]
        .filter((x) => x !== null && x !== undefined)
        .join(' · ') || tx('total'),
    [lang, tx],
  );
  const data = quality.data;
  const columns = [
    { key: 'group', title: tx('by'), render: (_: unknown, r: QualityRow) => label(r) },
    ...INDICATORS.map(([k, f]) => ({ key: k, title: tx(k), align: 'right' as const, render: (_: unknown, r: QualityRow) => f(r.indicators) })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Checkbox.Group value={by} onChange={(v) => setBy(v.map(String))} options={DIMENSIONS.map((d) => ({ value: d, label: tx(d) }))} />
      {quality.error ? <ErrorAlert error={quality.error} /> : null}
      {data ? (
        <>
          <Alert type="info" showIcon message={`${tx('reference')}: MV ${data.reference.mvPercent}% · DCO ${data.reference.dcoPercent}% · M/I ${data.reference.miRatio}`} />
          <Descriptions size="small" bordered column={6} items={INDICATORS.map(([k, f]) => ({ key: k, label: tx(k), children: f(data.total) }))} />
          <Card size="small"><QualityChart table={data} label={label} names={{ mv: tx('mv'), dco: tx('dco'), reference: tx('reference') }} /></Card>
          <Table size="small" rowKey={(r) => label(r)} columns={columns} dataSource={[...data.rows]} pagination={{ pageSize: 50 }} scroll={{ x: true }} />
        </>
      ) : null}
    </Space>
  );
}
