import { Converter } from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { hasHan, namePinyin } from '../../people/name-pinyin.ts';
import { COMPOUND_SURNAMES } from './compound-surnames.ts';
import { normaliseLatinName } from './latin-name.ts';
import { cleanText } from './text.ts';

/** OpenCC's traditional → simplified (mainland) conversion: 歐陽華 → 欧阳华, 張偉 → 张伟. */
const toSimplified = Converter({ from: 't', to: 'cn' });

export interface NormalisedName {
  /** Simplified Han characters without spaces or dots, or the folded Latin name when there is no Han. */
  readonly text: string;
  readonly surname: string;
  readonly given: string;
  /** Toneless pinyin, surname first, no spaces: 欧阳娜娜 → "ouyangnana". */
  readonly pinyin: string;
  readonly surnamePinyin: string;
  readonly givenPinyin: string;
  /** True when the name was written in Han characters (false for pinyin-only or foreign names). */
  readonly han: boolean;
}

const EMPTY: NormalisedName = { text: '', surname: '', given: '', pinyin: '', surnamePinyin: '', givenPinyin: '', han: false };

/** Traditional → simplified after NFKC and whitespace clean-up; idempotent on simplified text. */
export function simplifyHan(raw: string): string {
  return toSimplified(cleanText(raw));
}

/** Splits a simplified Han name into surname and given name, honouring compound surnames (欧阳, 司马). */
export function splitHanName(name: string): { surname: string; given: string } {
  const chars = Array.from(name);
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''))) {
    return { surname: chars.slice(0, 2).join(''), given: chars.slice(2).join('') };
  }
  return { surname: chars[0] ?? '', given: chars.slice(1).join('') };
}

// Names repeat heavily (a million records hold a few hundred surnames and tens of thousands of given
// names), so pinyin is memoised per part; the caches are bounded to keep memory flat on huge inputs.
const CACHE_LIMIT = 200_000;
const surnameCache = new Map<string, string>();
const givenCache = new Map<string, string>();

function memo(cache: Map<string, string>, key: string, compute: (k: string) => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The surname reading (单 shan, 曾 zeng, 解 xie) comes from pinyin-pro's surname mode via namePinyin. */
const surnamePinyin = (surname: string): string => memo(surnameCache, surname, (s) => namePinyin(s).compact);
const givenPinyin = (given: string): string =>
  memo(givenCache, given, (g) => pinyin(g, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).join(''));

/**
 * A Chinese person's name in the forms the comparators need. Han names are simplified first so that
 * 張偉 and 张伟 agree, then split and read in pinyin, so that the homophones 王丽 / 王莉 agree in pinyin.
 * Names without Han characters (pinyin-only records such as "ZHANG Wei") are folded; the first token
 * is taken as the surname, the Chinese order used on passports and in most registries.
 */
export function normaliseChineseName(raw: string): NormalisedName {
  const clean = cleanText(raw);
  if (clean === '') return EMPTY;
  if (hasHan(clean)) {
    const text = simplifyHan(clean).replace(/[\s·•.・]/g, '');
    const { surname, given } = splitHanName(text);
    const sp = surnamePinyin(surname);
    const gp = given === '' ? '' : givenPinyin(given);
    return { text, surname, given, pinyin: sp + gp, surnamePinyin: sp, givenPinyin: gp, han: true };
  }
  const folded = normaliseLatinName(clean);
  const tokens = folded.split(' ').filter(Boolean);
  const surname = tokens[0] ?? '';
  const given = tokens.slice(1).join('');
  return { text: tokens.join(''), surname, given, pinyin: tokens.join('').replace(/[^a-z]/g, ''), surnamePinyin: surname, givenPinyin: given, han: false };
}

/** One part of a name (a surname or a given-name column): simplified, and read as a surname when asked. */
export function normaliseNamePart(raw: string, part: 'surname' | 'given'): { text: string; pinyin: string } {
  const clean = cleanText(raw);
  if (clean === '') return { text: '', pinyin: '' };
  if (hasHan(clean)) {
    const text = simplifyHan(clean).replace(/[\s·•.・]/g, '');
    return { text, pinyin: part === 'surname' ? surnamePinyin(text) : givenPinyin(text) };
  }
  const folded = normaliseLatinName(clean).replace(/\s+/g, '');
  return { text: folded, pinyin: folded.replace(/[^a-z]/g, '') };
}

/** Pinyin with tone marks for display in the review screen ("wáng lì"); comparisons use the toneless form. */
export function namePinyinWithTones(raw: string): string {
  const text = simplifyHan(raw);
  return hasHan(text) ? pinyin(text, { mode: 'surname', toneType: 'symbol' }) : normaliseLatinName(text);
}
