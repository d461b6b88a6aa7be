import { describe, expect, it } from 'vitest';
import { chinaModelLifeTable } from '../life-table/china-model.ts';
import { toRateTable } from '../life-table/rate-table.ts';
import { estimateSurvival, type SurvivalCohort } from './estimate.ts';
import type { IcssStandard } from './standardise.ts';
import { subsetCovariates, subsetFollowUp, type ConfType, type SurvivalMethod } from './survival-data.ts';
import { loadCohort, readFixtureCsv } from '../../../test/fixtures/epi-survival/load-cohorts.ts';

// Reference values: reference.R (survival::survfit 3.5, relsurv::rs.surv 2.2-9) beside the fixtures.
const reference = readFixtureCsv('reference.csv');
const rates = toRateTable(chinaModelLifeTable());
const num = (v: string | undefined): number | null => (v === undefined || v === 'NA' ? null : Number(v));

function cohortFor(dataset: string): { cohort: SurvivalCohort; period?: { firstYear: number; lastYear: number }; standard?: IcssStandard } {
  const icss = /^(.*)-(icss[123])$/.exec(dataset);
  if (icss) return { cohort: loadCohort(icss[1] ?? ''), standard: icss[2] as IcssStandard };
  const period = /^(.*)-period-(\d{4})-(\d{4})$/.exec(dataset);
  if (period) return { cohort: loadCohort(period[1] ?? ''), period: { firstYear: Number(period[2]), lastYear: Number(period[3]) } };
  const bySex = /^(.*)-sex-(\d)$/.exec(dataset);
  if (bySex) {
    const whole = loadCohort(bySex[1] ?? '');
    const covariates = whole.covariates!;
    const index = [...covariates.sex.keys()].filter((i) => covariates.sex[i] === Number(bySex[2]));
    return { cohort: { followUp: subsetFollowUp(whole.followUp, index), covariates: subsetCovariates(covariates, index) } };
  }
  return { cohort: loadCohort(dataset) };
}

const groups = new Map<string, Record<string, string>[]>();
for (const row of reference) {
  const key = `${row.dataset} ${row.method} ${row.conf_type}`;
  groups.set(key, [...(groups.get(key) ?? []), row]);
}

describe.each([...groups.entries()])('%s equals R', (_key, rows) => {
  const first = rows[0]!;
  const method = first.method as SurvivalMethod;
  // The issue asks 1e-4 for relsurv; the port is exact (differences ~1e-15), so hold it to 1e-9 like survfit.
  const tolerance = 1e-9;
  const close = (ours: number | null, theirs: number | null) => {
    if (theirs === null) return expect(ours).toBeNull();
    expect(ours).not.toBeNull();
    expect(Math.abs((ours as number) - theirs)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(theirs)));
  };
  it('at each time: survival, standard error, interval, number at risk; and the median', () => {
    const { cohort, period, standard } = cohortFor(first.dataset ?? '');
    const result = estimateSurvival(cohort, { method, timesYears: rows.map((r) => Number(r.years)), confType: first.conf_type as ConfType, rates, ...(period ? { period } : {}), ...(standard ? { standard } : {}) });
    if (!result.ok) throw new Error(result.error.message);
    result.value.times.forEach((point, i) => {
      const r = rows[i]!;
      close(point.survival, num(r.survival));
      close(point.se, num(r.se));
      close(point.lower, num(r.lower));
      close(point.upper, num(r.upper));
      expect(point.n_risk).toBe(Number(r.n_risk));
    });
    const median = num(first.median_days);
    if (!/-sex-|-icss/.test(first.dataset ?? '')) close(result.value.median_years === null ? null : result.value.median_years * 365.241, median);
  });
});
