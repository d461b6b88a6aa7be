import { Converter } from 'opencc-js/cn2t';
import { CHONGQING_COUNTIES, townshipsOf, type Division } from '../codes/divisions/chongqing.ts';
import { namePinyin } from '../people/name-pinyin.ts';
import { splitHanName } from '../linkage/normalise/chinese-name.ts';
import { GIVEN_NAME_HOMOPHONES } from './chinese-duplicates-homophones.ts';
import { generatePersons, type SyntheticPerson } from './population.ts';
import { createRng, hashSeed, type Rng } from './random.ts';

/**
 * The Chinese benchmark of issue 3: person records from several sources (screening, admission,
 * pathology, death certificate) where a tenth of the records are further records of a person already
 * present, carrying the errors Chinese registries meet. Every record says which person it belongs to
 * (the truth) and which variants it carries, so tests can check each claim and score a linkage.
 */
export type DuplicateVariant =
  /** One given-name character replaced by a same-sounding one (王丽 → 王莉). */
  | 'homophone'
  /** The name written in traditional characters (张伟 → 張偉). */
  | 'traditional'
  /** The name in pinyin only, surname first ("ZHANG Wei"), as on foreign-language or some insurance records. */
  | 'pinyin_only'
  /** One digit of the resident ID mistyped (the check character then fails). */
  | 'id_typo'
  /** Two adjacent, different digits of the resident ID swapped. */
  | 'id_transposition'
  /** The 15-digit number issued before 1999 (no century, no check character). */
  | 'id_legacy_15'
  | 'id_missing'
  /** Day and month exchanged in the birth date (2001-03-07 → 2001-07-03). */
  | 'day_month_swap'
  /** Another township (and address), sometimes in another county. */
  | 'moved'
  | 'phone_missing'
  /** A different mobile number. */
  | 'phone_changed';

export interface LinkageRecord {
  /** Record id in emission order (R00000001…): says nothing about the person. */
  readonly recordId: string;
  /** The truth: the key of the person (SyntheticPerson.key) the record belongs to. */
  readonly personKey: string;
  readonly name: string;
  /** 1/2 or 男/女, as sources write it. */
  readonly sex: string;
  /** ISO, YYYYMMDD or 2001年2月3日, as sources write it. */
  readonly birthDate: string;
  readonly residentId: string;
  readonly phone: string;
  readonly divisionCode: string;
  readonly address: string;
  /** Empty for a person's first record; the errors a further record carries. */
  readonly variants: readonly DuplicateVariant[];
  /** 0 for a person's first record, 1, 2… for the further ones. */
  readonly copy: number;
}

export interface DuplicateOptions {
  readonly seed: number;
  /** Records to emit. */
  readonly records: number;
  /** Share of records that are further records of an earlier person (default 0.1). */
  readonly duplicateShare?: number;
}

/**
 * Rates of the errors in a further record, per field; within a field the variants exclude each other.
 * They follow what Chinese registry audits describe (name homophones and ID errors as the commonest
 * causes of missed duplicates, a sizeable share of records without an ID number, frequent moves and
 * changed phones among older patients) rather than any one published table.
 */
export const VARIANT_RATES = {
  name: { homophone: 0.1, traditional: 0.06, pinyin_only: 0.05 },
  id: { id_missing: 0.15, id_typo: 0.04, id_transposition: 0.03, id_legacy_15: 0.06 },
  birthDate: { day_month_swap: 0.04 },
  place: { moved: 0.15 },
  phone: { phone_missing: 0.25, phone_changed: 0.1 },
} as const;

const toTraditional = Converter({ from: 'cn', to: 't' });
const MOBILE_PREFIXES = ['133', '135', '136', '138', '139', '150', '151', '158', '177', '180', '186', '187', '189', '199'];
const STREETS = ['人民路', '解放路', '新华路', '建设路', '中山路', '滨江路', '和平路', '文化路'];
const VILLAGES = ['红光村', '新民村', '石桥村', '双河村', '青山村', '太平村'];

/** Draws one variant of a field from its rates, or none. */
function drawVariant<K extends string>(rng: Rng, rates: Readonly<Record<K, number>>): K | null {
  let x = rng.next();
  for (const [variant, rate] of Object.entries(rates) as [K, number][]) {
    if (x < rate) return variant;
    x -= rate;
  }
  return null;
}

const capitalise = (s: string): string => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));

/** "ZHANG Wei", "Zhang Wei" or "ZHANG WEI": surname first, given-name syllables joined, as on a passport. */
export function pinyinOnlyName(name: string, rng: Rng): string {
  const { surname, given } = splitHanName(name);
  const sp = namePinyin(surname).compact;
  const gp = namePinyin(`王${given}`).compact.slice(4); // read the given name in a name's context, not as a surname
  const style = rng.int(3);
  if (style === 0) return `${sp.toUpperCase()} ${capitalise(gp)}`;
  if (style === 1) return `${capitalise(sp)} ${capitalise(gp)}`;
  return `${sp.toUpperCase()} ${gp.toUpperCase()}`;
}

/** Replaces one given-name character that has a homophone; null when none has. */
export function homophoneName(name: string, rng: Rng): string | null {
  const { surname, given } = splitHanName(name);
  const chars = Array.from(given);
  const positions = chars.flatMap((c, k) => (GIVEN_NAME_HOMOPHONES[c] ? [k] : []));
  if (positions.length === 0) return null;
  const k = positions[rng.int(positions.length)]!;
  const alternatives = Array.from(GIVEN_NAME_HOMOPHONES[chars[k]!]!);
  chars[k] = alternatives[rng.int(alternatives.length)]!;
  return surname + chars.join('');
}

/** The name in traditional characters (OpenCC); null when nothing changes (王明 is written the same way). */
export function traditionalName(name: string): string | null {
  const t = toTraditional(name);
  return t === name ? null : t;
}

export function mistypeId(id: string, rng: Rng): string {
  const position = rng.int(17);
  const digit = Number(id[position]);
  const replacement = (digit + 1 + rng.int(9)) % 10;
  return id.slice(0, position) + String(replacement) + id.slice(position + 1);
}

/** Swaps two adjacent different digits among the first 17; null if all adjacent digits are equal. */
export function transposeId(id: string, rng: Rng): string | null {
  const positions: number[] = [];
  for (let k = 0; k < 16; k++) if (id[k] !== id[k + 1]) positions.push(k);
  if (positions.length === 0) return null;
  const k = positions[rng.int(positions.length)]!;
  return id.slice(0, k) + id[k + 1] + id[k] + id.slice(k + 2);
}

/** The 15-digit number the person held before 1999 (born in the 1900s): no century, no check character. */
export function legacyId(id: string): string | null {
  if (id.slice(6, 8) !== '19') return null;
  return id.slice(0, 6) + id.slice(8, 17);
}

export function swapDayMonth(iso: string): string | null {
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  if (Number(d) > 12 || d === m) return null;
  return `${y}-${d}-${m}`;
}

function formatDate(iso: string, rng: Rng): string {
  const style = rng.int(4);
  if (style === 1) return iso.replace(/-/g, '');
  if (style === 2) return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  return iso;
}

function newPlace(rng: Rng, from: string): { divisionCode: string; address: string } {
  // Half of moves stay within the county (another township), the rest go anywhere in Chongqing.
  let county: Division = CHONGQING_COUNTIES.find((c) => from.startsWith(c.code)) ?? CHONGQING_COUNTIES[0]!;
  if (rng.chance(0.5)) county = CHONGQING_COUNTIES[rng.int(CHONGQING_COUNTIES.length)]!;
  const townships = townshipsOf(county).filter((t) => t.code !== from);
  const township = townships[rng.int(townships.length)]!;
  const rural = township.code.slice(6, 7) !== '0';
  const address = rural ? `重庆市${county.nameZh}${township.nameZh}${rng.pick(VILLAGES)}${1 + rng.int(12)}组` : `重庆市${county.nameZh}${township.nameZh}${rng.pick(STREETS)}${1 + rng.int(300)}号`;
  return { divisionCode: township.code, address };
}

const newPhone = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');

/** A further record of a person, from another source, with the errors drawn for it. */
export function duplicateOf(person: SyntheticPerson, rng: Rng): Omit<LinkageRecord, 'recordId' | 'copy'> {
  const variants: DuplicateVariant[] = [];
  let name = person.name;
  const nameVariant = drawVariant(rng, VARIANT_RATES.name);
  const renamed =
    nameVariant === 'homophone' ? homophoneName(name, rng) : nameVariant === 'traditional' ? traditionalName(name) : nameVariant === 'pinyin_only' ? pinyinOnlyName(name, rng) : null;
  if (nameVariant && renamed !== null) {
    name = renamed;
    variants.push(nameVariant);
  }
  let residentId = person.residentId;
  const idVariant = drawVariant(rng, VARIANT_RATES.id);
  const changedId =
    idVariant === 'id_missing' ? '' : idVariant === 'id_typo' ? mistypeId(residentId, rng) : idVariant === 'id_transposition' ? transposeId(residentId, rng) : idVariant === 'id_legacy_15' ? legacyId(residentId) : null;
  if (idVariant && changedId !== null) {
    residentId = changedId;
    variants.push(idVariant);
  }
  let birthDate = person.birthDate;
  const swapped = drawVariant(rng, VARIANT_RATES.birthDate) ? swapDayMonth(birthDate) : null;
  if (swapped !== null) {
    birthDate = swapped;
    variants.push('day_month_swap');
  }
  let { divisionCode, address } = person;
  if (drawVariant(rng, VARIANT_RATES.place)) {
    ({ divisionCode, address } = newPlace(rng, divisionCode));
    variants.push('moved');
  } else if (rng.chance(0.3)) {
    address = address.replace(/^重庆市/, ''); // sources differ in writing the city
  }
  let phone = person.phone ?? '';
  const phoneVariant = phone === '' ? null : drawVariant(rng, VARIANT_RATES.phone);
  if (phoneVariant === 'phone_missing') phone = '';
  if (phoneVariant === 'phone_changed') phone = newPhone(rng);
  if (phoneVariant) variants.push(phoneVariant);
  const sex = rng.chance(0.3) ? (person.sex === 1 ? '男' : '女') : String(person.sex);
  return { personKey: person.key, name, sex, birthDate: formatDate(birthDate, rng), residentId, phone, divisionCode, address, variants };
}

function firstRecord(person: SyntheticPerson): Omit<LinkageRecord, 'recordId' | 'copy'> {
  return {
    personKey: person.key,
    name: person.name,
    sex: String(person.sex),
    birthDate: person.birthDate,
    residentId: person.residentId,
    phone: person.phone ?? '',
    divisionCode: person.divisionCode,
    address: person.address,
    variants: [],
  };
}

interface Pending {
  readonly release: number;
  readonly record: Omit<LinkageRecord, 'recordId'>;
}

/**
 * Streams `records` person records in which about `duplicateShare` are further records of an earlier
 * person (a fifth of the duplicated persons have two further records: screening, admission, death).
 * A further record arrives after a random delay of up to a few thousand persons, as sources report
 * late. Deterministic for a seed; memory is the pending further records only.
 */
export function* generateChineseDuplicates(options: DuplicateOptions): Generator<LinkageRecord> {
  const share = options.duplicateShare ?? 0.1;
  if (!(share >= 0 && share < 1)) throw new Error('duplicateShare must be in [0, 1)');
  // Further records per person e = share / (1 − share); a person has one (80%) or two (20%).
  const perPerson = share / (1 - share);
  const duplicated = perPerson / 1.2;
  let emitted = 0;
  const pending: Pending[] = [];
  const emit = (record: Omit<LinkageRecord, 'recordId'>): LinkageRecord => {
    emitted += 1;
    return { recordId: `R${String(emitted).padStart(8, '0')}`, ...record };
  };
  let index = 0;
  for (const person of generatePersons({ seed: options.seed, count: Number.MAX_SAFE_INTEGER })) {
    if (emitted + pending.length >= options.records) break;
    while (pending.length > 0 && pending[0]!.release <= index && emitted < options.records) yield emit(pending.shift()!.record);
    if (emitted >= options.records) break;
    yield emit({ ...firstRecord(person), copy: 0 });
    const rng = createRng(hashSeed(options.seed, index, 0xd0b1e));
    if (rng.chance(duplicated)) {
      const copies = rng.chance(0.2) ? 2 : 1;
      for (let copy = 1; copy <= copies; copy++) {
        pending.push({ release: index + 1 + rng.int(5000), record: { ...duplicateOf(person, rng), copy } });
      }
      pending.sort((a, b) => a.release - b.release);
    }
    index += 1;
  }
  while (pending.length > 0 && emitted < options.records) yield emit(pending.shift()!.record);
}

/** The CSV columns of the benchmark files and the link.json that reads them (docs/linkage.md). */
export const LINKAGE_CSV_COLUMNS = ['record_id', 'person_id', 'name', 'sex', 'birth_date', 'id_no', 'mobile', 'division', 'address'] as const;

export const CHINESE_LINK_FIELDS = {
  name: 'full_name',
  sex: 'sex',
  birth_date: 'birth_date',
  id_no: 'resident_id',
  mobile: 'phone',
  division: 'division_code',
  address: 'address',
} as const;

export function linkageCsvCells(r: LinkageRecord): string[] {
  return [r.recordId, r.personKey, r.name, r.sex, r.birthDate, r.residentId, r.phone, r.divisionCode, r.address];
}
