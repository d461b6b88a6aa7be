import { CHONGQING_COUNTIES, townshipsOf, type Division } from '../codes/divisions/chongqing.ts';
import { fromEpochDay, toEpochDay, type IsoDate } from '../common/dates.ts';
import type { Sex } from '../common/sex.ts';
import { makeResidentId } from '../people/resident-id.ts';
import { drawGivenName, drawSurname } from './chinese-names.ts';
import { createRng, hashSeed, WeightedTable, type Rng } from './random.ts';

export interface SyntheticPerson {
  readonly key: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: IsoDate;
  readonly residentId: string;
  readonly phone: string | null;
  /** 9-digit township code (synthetic township, real county). */
  readonly divisionCode: string;
  readonly address: string;
  readonly vitalStatus: 'alive' | 'dead';
  readonly deathDate: IsoDate | null;
}

export interface PopulationOptions {
  readonly seed: number;
  readonly count: number;
  /** County codes to draw residents from (default: all of Chongqing, weighted by population). */
  readonly divisionCodes?: readonly string[];
  /** Index of the first person: chunks generated with startIndex equal the same slice of one run. */
  readonly startIndex?: number;
  readonly referenceDate?: IsoDate;
}

/**
 * Share of Chongqing's residents by five-year age group (0–4 … 85+), after the 2020 census: an old
 * population with the bulges of the 1960s and 1980s birth cohorts.
 */
const AGE_GROUP_SHARES = [4.6, 5.7, 5.5, 4.9, 4.8, 6.0, 8.1, 6.7, 6.4, 8.4, 9.0, 7.3, 5.7, 6.5, 4.6, 2.8, 1.8, 1.2];
const AGE_TABLE = new WeightedTable(AGE_GROUP_SHARES.map((w, i) => [i, w] as const));

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];
const STREETS = ['人民路', '解放路', '新华路', '建设路', '中山路', '滨江路', '和平路', '文化路', '胜利路', '长江路', '学府路', '迎宾大道'];
const VILLAGES = ['红光村', '新民村', '石桥村', '双河村', '青山村', '太平村', '观音村', '龙井村'];

interface Place {
  readonly county: Division;
  readonly township: Division;
}

function placeTable(codes: readonly string[] | undefined): WeightedTable<Place> {
  const counties = codes ? CHONGQING_COUNTIES.filter((c) => codes.some((code) => code.startsWith(c.code) || c.code.startsWith(code))) : CHONGQING_COUNTIES;
  if (counties.length === 0) throw new Error('no Chongqing county matches the requested division codes');
  return new WeightedTable(counties.flatMap((county) => townshipsOf(county).map((township) => [{ county, township }, township.population] as const)));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function drawPerson(rng: Rng, index: number, places: WeightedTable<Place>, referenceDay: number, issued: Set<string>): SyntheticPerson {
  const sex: Sex = rng.chance(0.505) ? 1 : 2;
  const ageGroup = AGE_TABLE.draw(rng);
  const age = ageGroup === 17 ? 85 + Math.floor(-Math.log(1 - rng.next()) * 4) : ageGroup * 5 + rng.int(5);
  const birthDay = referenceDay - Math.round((age + rng.next()) * 365.25);
  const birthDate = fromEpochDay(birthDay);
  const birthYear = Number(birthDate.slice(0, 4));
  const name = drawSurname(rng) + drawGivenName(rng, sex, birthYear);
  const { county, township } = places.draw(rng);
  // One in ten was born (and got the ID number) in another county of Chongqing.
  const idCounty = rng.chance(0.1) ? CHONGQING_COUNTIES[rng.int(CHONGQING_COUNTIES.length)]!.code : county.code;
  // A county issues 500 sequence numbers per birth date and sex: probe to the next free one, as the
  // police station does, so that no two synthetic persons share a number.
  let sequence = rng.int(500);
  let residentId = makeResidentId(idCounty, birthDate, sequence, sex);
  for (let tries = 0; issued.has(residentId.slice(0, 17)) && tries < 500; tries++) {
    sequence = (sequence + 1) % 500;
    residentId = makeResidentId(idCounty, birthDate, sequence, sex);
  }
  issued.add(residentId.slice(0, 17));
  const phone = age >= 12 && rng.chance(age > 80 ? 0.55 : 0.9) ? rng.pick(MOBILE_PREFIXES) + pad(rng.int(100_000_000), 8) : null;
  const townName = township.nameZh;
  const address = township.code.endsWith('1') || township.code.endsWith('2')
    ? township.code.slice(6, 7) === '0'
      ? `重庆市${county.nameZh}${townName}${rng.pick(STREETS)}${1 + rng.int(300)}号`
      : `重庆市${county.nameZh}${townName}${rng.pick(VILLAGES)}${1 + rng.int(12)}组`
    : `重庆市${county.nameZh}${townName}${rng.pick(STREETS)}${1 + rng.int(300)}号`;
  // Mortality rises about 7% a year of age (Gompertz); deaths fall in the last three years.
  const dies = rng.chance(Math.min(0.3, 0.002 * Math.exp(0.07 * (age - 40))));
  const deathDay = dies ? Math.max(birthDay + 1, referenceDay - rng.int(3 * 365) - 1) : null;
  return {
    key: `P${pad(index + 1, 8)}`,
    name,
    sex,
    birthDate,
    residentId,
    phone,
    divisionCode: township.code,
    address,
    vitalStatus: deathDay === null ? 'alive' : 'dead',
    deathDate: deathDay === null ? null : fromEpochDay(deathDay),
  };
}

/**
 * The synthetic population of the demo and of every benchmark: realistic Chinese names, valid resident
 * ID numbers consistent with sex and birth date, Chongqing's age structure and residence by county
 * population. Each person depends only on (seed, index), so it streams and any chunk (startIndex,
 * count) equals the same slice of one long run — except that resident IDs are unique within one call
 * (a set of issued numbers, about 60 bytes a person), so a number taken earlier in the same call can
 * shift a later person's sequence digits.
 */
export function* generatePersons(options: PopulationOptions): Generator<SyntheticPerson> {
  const places = placeTable(options.divisionCodes);
  const referenceDay = toEpochDay(options.referenceDate ?? '2026-01-01');
  const start = options.startIndex ?? 0;
  const issued = new Set<string>();
  for (let index = start; index < start + options.count; index++) {
    yield drawPerson(createRng(hashSeed(options.seed, index)), index, places, referenceDay, issued);
  }
}
