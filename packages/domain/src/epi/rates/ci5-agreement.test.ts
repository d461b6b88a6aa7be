/**
 * Agreement with R: every ASR, Fay–Feuer interval, Tiwari upper limit, truncated rate and cumulative rate computed
 * here from the real CI5-XII rows in ../shared/data/ci5 equals the values epitools::ageadjust.direct gave on the
 * same rows (fixture written by test/fixtures/epi-rates/ci5-asr.R) to 1e-9 relative.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAgeGroup } from '../standards/age-groups.ts';
import { BUILT_IN_STANDARDS } from '../standards/standard-populations.ts';
import { stratumRates } from './stratum-rates.ts';

const root = new URL('../../../../../', import.meta.url);
const readCsv = (url: URL): Record<string, string>[] => {
  const [header, ...lines] = readFileSync(fileURLToPath(url), 'utf8').trim().split('\n');
  const cols = header!.split(',').map((c) => c.replace(/"/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
};

const data = new Map<string, { cases: Float64Array; py: Float64Array; unknown: number }>();
for (const file of ['ci5-xii-china.csv', 'ci5-xii-chongqing.csv']) {
  for (const r of readCsv(new URL(`../shared/data/ci5/${file}`, root))) {
    const key = `${r.registry_code}|${r.cancer_code}|${r.sex}`;
    let entry = data.get(key);
    if (!entry) data.set(key, (entry = { cases: new Float64Array(18), py: new Float64Array(18), unknown: 0 }));
    const group = parseAgeGroup(r.age_group!);
    if (group === null) throw new Error(`bad age group ${r.age_group}`);
    if (group.kind === 'unknown') entry.unknown = Number(r.cases);
    else {
      entry.cases[group.index] = Number(r.cases);
      entry.py[group.index] = Number(r.py);
    }
  }
}
const reference = readCsv(new URL('packages/domain/test/fixtures/epi-rates/ci5-asr-reference.csv', root));

function close(actual: number, expected: number): boolean {
  return actual === expected || Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
}

describe('rates equal epitools::ageadjust.direct on CI5-XII China', () => {
  it('covers every site and sex of the three Chongqing registries under three standards', () => {
    const chongqing = reference.filter((r) => ['415617299', '415622199', '415626899'].includes(r.registry_code!));
    expect(new Set(chongqing.map((r) => r.registry_code)).size).toBe(3);
    expect(chongqing.length).toBe(3 * 63 * 2 * 3);
    expect(reference.length).toBeGreaterThan(3000);
  });

  it('ASR, Fay–Feuer and Tiwari limits, truncated and cumulative rates to 1e-9 relative', () => {
    const mismatches: string[] = [];
    for (const ref of reference) {
      const key = `${ref.registry_code}|${ref.cancer_code}|${ref.sex}`;
      const entry = data.get(key)!;
      const standard = BUILT_IN_STANDARDS[ref.standard as 'segi1960' | 'who2000' | 'china2000'];
      const common = { scheme: 'five-year-18' as const, cases: entry.cases, personYears: entry.py, unknownAge: entry.unknown };
      const ff = stratumRates(common, { standard, interval: 'fay-feuer', unknownAge: 'spread' });
      const tiwari = stratumRates(common, { standard, interval: 'tiwari', unknownAge: 'spread' });
      const num = (s: string) => Number(s) * 100_000;
      // R's lower limit is NaN (shape 0/0) when there is no case; ours is 0.
      const expectedLower = ref.lci === 'NA' ? (Number(ref.cases) === 0 ? 0 : Number.NaN) : num(ref.lci!);
      const checks: Array<[string, number, number]> = [
        ['crude', ff.crude_rate, num(ref.crude!)],
        ['asr', ff.asr, num(ref.asr!)],
        ['lci', ff.asr_lower, expectedLower],
        ['uci', ff.asr_upper, num(ref.uci!)],
        ['tiwari_uci', tiwari.asr_upper, num(ref.tiwari_uci!)],
        ['tiwari_lci', tiwari.asr_lower, expectedLower],
        ['truncated', ff.truncated_asr_35_64, num(ref.truncated_asr!)],
        ['cum_rate', ff.cum_rate_0_74, Number(ref.cum_rate)],
      ];
      for (const [name, actual, expected] of checks) {
        if (!close(actual, expected)) mismatches.push(`${key} ${ref.standard} ${name}: ${actual} vs R ${expected}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
