import { describe, expect, it } from 'vitest';
import { allSitesRow, formatRate, tableRows, topSites } from './report-view.ts';
import type { Incidence, ReportCell, ReportRow } from './statistics-api.ts';

const cell = (cases: number | null, asr: number | null): ReportCell => ({ cases, suppression: cases === null ? 'primary' : 'published', crudeRate: asr, proportion: null, asrChina: asr, asrChinaLower: null, asrChinaUpper: null, asrWorld: asr, cumRate0to74: null, ageSpecific: [] });
const row = (id: string, total: boolean, male: [number | null, number | null]): ReportRow => ({ site: { kind: 'site-group', id, zh: id, en: id, icd10: id }, total, cells: { both: cell(male[0], male[1]), male: cell(male[0], male[1]), female: cell(0, 0) } });
const report = (rows: ReportRow[]): Incidence => ({ catchment: { divisionCode: '500235', nameZh: '云阳县', nameEn: 'Yunyang' }, suppressBelow: 10, years: [2020], personYears: { both: 1, male: 1, female: 1 }, ageGroups: [], rows, trend: [], eapc: null, excludedCases: 0 });

describe('statistics report view', () => {
  const r = report([row('lung', false, [40, 30.5]), row('stomach', false, [null, null]), row('liver', false, [12, 40.1]), row('rare', false, [0, 0]), row('all', true, [60, 80])]);

  it('ranks the top sites by ASR, leaving out suppressed, empty and totals rows', () => {
    expect(topSites(r, 'male').map((x) => x.site.id)).toEqual(['liver', 'lung']);
    expect(topSites(r, 'male', 1).map((x) => x.site.id)).toEqual(['liver']);
  });

  it('lists sites with cases (or hidden ones) before the totals', () => {
    expect(tableRows(r, 'male').map((x) => x.site.id)).toEqual(['lung', 'stomach', 'liver', 'all']);
    expect(tableRows(r, 'female').map((x) => x.site.id)).toEqual(['all']);
  });

  it('formats rates and finds the all-sites row', () => {
    expect(formatRate(12.345)).toBe('12.35');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(allSitesRow(r)?.site.id).toBe('all');
  });
});
