/**
 * Synthetic registry data for the demo and the benchmarks: tumours whose counts by CI5 site, sex and age follow
 * real incidence rates (CI5-XII, the Chongqing registries in ../shared/data/ci5), each reported by one to three
 * institutions the way a registry receives them (pathology report, hospital record, screening finding), with a
 * realistic share of miscoded rows (sex/site, site/morphology) and of deaths (cause of death in ICD-10), some of
 * which the registry never received a notification for (trace-back, then DCO). Pure: the caller passes the
 * rates, the persons and a seeded random generator.
 */
import { fromEpochDay, toEpochDay, type IsoDate } from '../common/dates.ts';
import { lookupTopography } from '../codes/topography.ts';
import { ci5AgeGroup } from '../registry/ci5-cancers.ts';
import type { Rng } from './random.ts';
import type { SyntheticPerson } from './population.ts';

export interface Ci5Row {
  readonly cancer: number;
  readonly sex: number;
  readonly ageGroup: string;
  readonly cases: number;
  readonly py: number;
}

/** Annual rate per person by `cancer|sex|age_group`, pooled over the rows given (several registries, one period). */
export function ci5Rates(rows: readonly Ci5Row[]): Map<string, number> {
  const sums = new Map<string, { cases: number; py: number }>();
  for (const r of rows) {
    if (r.cancer >= 62 || r.ageGroup === 'unknown') continue;
    const key = `${r.cancer}|${r.sex}|${r.ageGroup}`;
    const s = sums.get(key) ?? { cases: 0, py: 0 };
    sums.set(key, { cases: s.cases + r.cases, py: s.py + r.py });
  }
  return new Map([...sums].filter(([, s]) => s.py > 0 && s.cases > 0).map(([k, s]) => [k, s.cases / s.py]));
}

/** Typical codes of a CI5 group: topographies and morphologies (most frequent first), ICD-10 for deaths. */
const SITE_CODES: Readonly<Record<number, { topo: readonly string[]; morph: readonly string[]; icd10: string }>> = {
  3: { topo: ['C06.9', 'C04.9'], morph: ['8070'], icd10: 'C06.9' },
  7: { topo: ['C11.9'], morph: ['8070', '8020'], icd10: 'C11.9' },
  10: { topo: ['C15.5', 'C15.4', 'C15.9'], morph: ['8070', '8140'], icd10: 'C15.9' },
  11: { topo: ['C16.2', 'C16.0', 'C16.3', 'C16.9'], morph: ['8140', '8144', '8490'], icd10: 'C16.9' },
  13: { topo: ['C18.7', 'C18.2', 'C18.0', 'C18.9'], morph: ['8140', '8480'], icd10: 'C18.9' },
  14: { topo: ['C20.9', 'C19.9'], morph: ['8140', '8480'], icd10: 'C20' },
  16: { topo: ['C22.0'], morph: ['8170', '8160'], icd10: 'C22.0' },
  17: { topo: ['C23.9', 'C24.0'], morph: ['8140'], icd10: 'C23' },
  18: { topo: ['C25.0', 'C25.9'], morph: ['8500', '8140'], icd10: 'C25.9' },
  20: { topo: ['C32.0', 'C32.9'], morph: ['8070'], icd10: 'C32.9' },
  21: { topo: ['C34.1', 'C34.3', 'C34.9'], morph: ['8140', '8070', '8041', '8046'], icd10: 'C34.9' },
  23: { topo: ['C41.9', 'C40.2'], morph: ['9180'], icd10: 'C41.9' },
  28: { topo: ['C49.9'], morph: ['8800', '8850'], icd10: 'C49.9' },
  29: { topo: ['C50.4', 'C50.9', 'C50.2'], morph: ['8500', '8520'], icd10: 'C50.9' },
  32: { topo: ['C53.9'], morph: ['8070', '8140'], icd10: 'C53.9' },
  33: { topo: ['C54.1'], morph: ['8380'], icd10: 'C54.1' },
  35: { topo: ['C56.9'], morph: ['8441', '8460'], icd10: 'C56' },
  39: { topo: ['C61.9'], morph: ['8140'], icd10: 'C61' },
  42: { topo: ['C64.9'], morph: ['8312'], icd10: 'C64' },
  45: { topo: ['C67.9', 'C67.2'], morph: ['8120'], icd10: 'C67.9' },
  48: { topo: ['C71.9'], morph: ['9440', '9380'], icd10: 'C71.9' },
  49: { topo: ['C73.9'], morph: ['8260', '8340'], icd10: 'C73' },
  52: { topo: ['C77.9'], morph: ['9650'], icd10: 'C81.9' },
  53: { topo: ['C77.9', 'C77.0'], morph: ['9680', '9590'], icd10: 'C83.3' },
  55: { topo: ['C42.1'], morph: ['9732'], icd10: 'C90.0' },
  56: { topo: ['C42.1'], morph: ['9823', '9835'], icd10: 'C91.1' },
  57: { topo: ['C42.1'], morph: ['9861', '9863'], icd10: 'C92.0' },
  61: { topo: ['C80.9'], morph: ['8000', '8010'], icd10: 'C80.9' },
};

export interface SyntheticNotification {
  /** Which synthetic tumour it reports (ground truth for tests; not a column of the import template). */
  readonly tumourKey: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface SyntheticDeath {
  readonly personKey: string;
  readonly values: Readonly<Record<string, string>>;
  /** True when no notification was generated for this cancer (the registry will trace it back). */
  readonly unreported: boolean;
}

export interface TumourOptions {
  readonly rng: Rng;
  readonly rates: ReadonlyMap<string, number>;
  readonly years: readonly number[];
  /** Institution codes that report: hospitals send pathology and hospital records, clinics screening findings. */
  readonly hospitals: readonly string[];
  readonly clinics: readonly string[];
  /** Share of tumours with a deliberate coding error (sex/site or site/morphology); default 1%. */
  readonly errorShare?: number;
  /** Rates are multiplied by this (the demo's population is small; a benchmark can ask for more cases). */
  readonly rateFactor?: number;
  readonly today: IsoDate;
}

const dayIn = (rng: Rng, year: number): IsoDate => fromEpochDay(toEpochDay(`${year}-01-01`) + rng.int(365));
const plus = (date: IsoDate, days: number): IsoDate => fromEpochDay(toEpochDay(date) + days);
/** The subsite a less precise source would give: `.9` of the same category where ICD-O-3 has one (C22 has none). */
const unspecified = (topography: string): string => (lookupTopography(`${topography.slice(0, 3)}.9`) ? `${topography.slice(0, 3)}.9` : topography);

/** Cumulative site distribution for one sex and age group, for drawing "which cancer" once a case is drawn. */
function siteTable(rates: ReadonlyMap<string, number>, sex: number, group: string): { total: number; sites: Array<[number, number]> } {
  const sites: Array<[number, number]> = [];
  let total = 0;
  for (const [key, rate] of rates) {
    const [cancer, s, g] = key.split('|');
    if (Number(s) !== sex || g !== group) continue;
    total += rate;
    sites.push([Number(cancer), total]);
  }
  return { total, sites };
}

/**
 * For each person and year, a tumour is drawn with the total rate of their sex and age group, its site from the
 * CI5 site mix; then its notifications (and sometimes the person's death). Persons are streamed.
 */
export function* generateRegistryData(persons: Iterable<SyntheticPerson>, options: TumourOptions): Generator<{ kind: 'notification'; row: SyntheticNotification } | { kind: 'death'; row: SyntheticDeath }> {
  const { rng } = options;
  const tables = new Map<string, ReturnType<typeof siteTable>>();
  const table = (sex: number, group: string) => {
    const key = `${sex}|${group}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = siteTable(options.rates, sex, group)));
    return t;
  };
  const factor = options.rateFactor ?? 1;
  const errorShare = options.errorShare ?? 0.01;
  let serial = 0;
  for (const person of persons) {
    for (const year of options.years) {
      const age = year - Number(person.birthDate.slice(0, 4));
      if (age < 0) continue;
      const t = table(person.sex, ci5AgeGroup(age));
      if (t.total === 0 || !rng.chance(Math.min(1, t.total * factor))) continue;
      const u = rng.next() * t.total;
      const cancer = t.sites.find(([, cum]) => u < cum)?.[0] ?? t.sites[t.sites.length - 1]![0];
      const codes = SITE_CODES[cancer] ?? SITE_CODES[61]!;
      const incidence = dayIn(rng, year);
      if (incidence > options.today || incidence < person.birthDate) continue;
      serial += 1;
      const tumourKey = `T${serial}`;
      let topography = rng.chance(0.8) ? codes.topo[0]! : rng.pick(codes.topo);
      let morphology = rng.chance(0.75) ? codes.morph[0]! : rng.pick(codes.morph);
      if (rng.chance(errorShare)) {
        // A miscoded report for registrars to fix: a sex-specific site in the other sex, or a morphology foreign to the site.
        if (rng.chance(0.5)) topography = person.sex === 1 ? 'C53.9' : 'C61.9';
        else morphology = topography.startsWith('C42') ? '8070' : '9823';
      }
      const base = {
        name: person.name, sex: String(person.sex), birth_date: person.birthDate, resident_id: person.residentId ?? '', phone: person.phone ?? '',
        division_code: person.divisionCode, address: person.address ?? '',
      };
      const hospital = rng.pick(options.hospitals);
      const screened = options.clinics.length > 0 && [11, 10, 29, 32, 16, 21].includes(cancer) && rng.chance(0.12);
      const microscopic = rng.chance(cancer === 16 || cancer === 18 || cancer === 61 ? 0.45 : 0.8);
      const reported = rng.chance(0.97);
      const rows: SyntheticNotification[] = [];
      if (reported) {
        const admission = plus(incidence, -rng.int(20));
        const hospitalRow = {
          ...base, source_ref: `H${year}-${serial}`, kind: 'hospital', institution: hospital, reported_on: plus(incidence, 20 + rng.int(200)),
          topography: microscopic ? unspecified(topography) : topography, morphology: '8000', behaviour: '3',
          basis: microscopic ? '2' : rng.pick(['1', '2', '2', '4']), admission_date: admission <= options.today ? admission : incidence, detection: screened ? 'screening' : 'symptoms',
        };
        rows.push({ tumourKey, values: hospitalRow });
        if (microscopic) {
          rows.push({
            tumourKey,
            values: {
              ...base, source_ref: `P${year}-${serial}`, kind: 'pathology', institution: hospital, reported_on: plus(incidence, 10 + rng.int(120)), topography, morphology, behaviour: '3',
              grade: rng.pick(['1', '2', '3', '9']), basis: rng.chance(0.9) ? '7' : '5', histology_date: incidence,
            },
          });
        }
        if (screened) {
          rows.push({ tumourKey, values: { ...base, source_ref: `S${year}-${serial}`, kind: 'screening', institution: rng.pick(options.clinics), reported_on: plus(incidence, rng.int(60)), topography: unspecified(topography), morphology: '8000', behaviour: '3', basis: '2', clinical_date: plus(incidence, -rng.int(30)), detection: 'screening' } });
        }
        // A duplicate report: the same hospital sends the admission again under a new number with a typo in the name.
        if (rng.chance(0.03)) rows.push({ tumourKey, values: { ...hospitalRow, source_ref: `H${year}-${serial}-R`, name: person.name.length > 1 ? person.name.slice(0, -1) + rng.pick(['明', '华', '芳', '伟']) : person.name } });
      }
      for (const r of rows) if ((r.values.reported_on ?? '') <= options.today) yield { kind: 'notification', row: r };
      const fatal = [16, 21, 10, 11, 18, 57, 48].includes(cancer) ? 0.45 : 0.18;
      if (!reported || rng.chance(fatal)) {
        const death = plus(incidence, rng.int(700));
        if (death <= options.today) {
          yield {
            kind: 'death',
            row: {
              personKey: person.residentId ?? person.name,
              unreported: !reported,
              values: { source_ref: `D${year}-${serial}`, reported_on: [plus(death, 15 + rng.int(60)), options.today].sort()[0]!, name: person.name, sex: String(person.sex), birth_date: person.birthDate, resident_id: person.residentId ?? '', division_code: person.divisionCode, death_date: death, underlying_cause: codes.icd10, institution: hospital },
            },
          };
        }
      }
    }
  }
}

export const NOTIFICATION_TEMPLATE_COLUMNS = [
  'source_ref', 'kind', 'reported_on', 'institution', 'name', 'sex', 'birth_date', 'resident_id', 'phone', 'division_code', 'address', 'mrn', 'topography', 'morphology',
  'behaviour', 'grade', 'laterality', 'basis', 'icd10', 'incidence_date', 'histology_date', 'admission_date', 'outpatient_date', 'clinical_date', 't', 'n', 'm', 'stage', 'detection',
] as const;
export const DEATH_TEMPLATE_COLUMNS = ['source_ref', 'reported_on', 'institution', 'name', 'sex', 'birth_date', 'resident_id', 'division_code', 'address', 'death_date', 'underlying_cause'] as const;

/** One CSV line of the import template (RFC 4180 quoting). */
export function templateLine(columns: readonly string[], values: Readonly<Record<string, string>>): string {
  return columns.map((c) => {
    const v = values[c] ?? '';
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');
}
