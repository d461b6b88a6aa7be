import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSex } from '../common/sex.ts';
import { normaliseChineseName, normaliseNamePart, simplifyHan } from '../linkage/normalise/chinese-name.ts';
import { normaliseDate } from '../linkage/normalise/dates.ts';
import { hasHan } from '../people/name-pinyin.ts';
import { makeResidentId, parseResidentId } from '../people/resident-id.ts';
import { generateChineseDuplicates, legacyId, mistypeId, transposeId, type LinkageRecord } from './chinese-duplicates.ts';
import { GIVEN_NAME_HOMOPHONES } from './chinese-duplicates-homophones.ts';
import { generatePersons } from './population.ts';
import { createRng } from './random.ts';

const differingPositions = (a: string, b: string): number[] => Array.from(a).flatMap((c, k) => (c === b[k] ? [] : [k]));

/** Checks a further record against its person's first record: unchanged fields equal, each variant what it claims. */
function checkAgainstFirst(dup: LinkageRecord, first: LinkageRecord): void {
  const v = new Set(dup.variants);
  const name = normaliseChineseName(dup.name);
  const original = normaliseChineseName(first.name);
  if (v.has('homophone')) {
    expect(name.text).not.toBe(original.text);
    expect(Array.from(name.text)).toHaveLength(Array.from(original.text).length);
    expect(name.pinyin).toBe(original.pinyin);
  } else if (v.has('traditional')) {
    expect(dup.name).not.toBe(first.name);
    expect(simplifyHan(dup.name)).toBe(first.name);
  } else if (v.has('pinyin_only')) {
    expect(hasHan(dup.name)).toBe(false);
    expect(name.pinyin).toBe(original.pinyin);
    expect(name.surnamePinyin).toBe(original.surnamePinyin);
  } else expect(dup.name).toBe(first.name);

  const id = dup.residentId;
  if (v.has('id_missing')) expect(id).toBe('');
  else if (v.has('id_typo')) {
    expect(differingPositions(id, first.residentId)).toHaveLength(1);
    expect(parseResidentId(id).ok).toBe(false); // GB 11643's check character catches every single error
  } else if (v.has('id_transposition')) {
    const [a, b, ...rest] = differingPositions(id, first.residentId);
    expect(rest).toEqual([]);
    expect(b).toBe((a ?? -9) + 1);
    expect(id[a!]).toBe(first.residentId[b!]);
    expect(parseResidentId(id).ok).toBe(false);
  } else if (v.has('id_legacy_15')) {
    expect(id).toMatch(/^\d{15}$/);
    const upgraded = parseResidentId(id);
    expect(upgraded.ok && upgraded.value.id).toBe(first.residentId);
  } else expect(id).toBe(first.residentId);

  const date = normaliseDate(dup.birthDate);
  if (v.has('day_month_swap')) {
    expect(date).not.toBe(first.birthDate);
    expect(date).toBe(`${first.birthDate.slice(0, 4)}-${first.birthDate.slice(8, 10)}-${first.birthDate.slice(5, 7)}`);
  } else expect(date).toBe(first.birthDate);

  if (v.has('moved')) expect(dup.divisionCode).not.toBe(first.divisionCode);
  else {
    expect(dup.divisionCode).toBe(first.divisionCode);
    expect(first.address.endsWith(dup.address)).toBe(true);
  }
  if (v.has('phone_missing')) expect([dup.phone, first.phone === '']).toEqual(['', false]);
  else if (v.has('phone_changed')) {
    expect(dup.phone).not.toBe(first.phone);
    expect(dup.phone).toMatch(/^1[3-9]\d{9}$/);
  } else expect(dup.phone).toBe(first.phone);
  const sex = parseSex(dup.sex);
  expect(sex.ok && String(sex.value)).toBe(first.sex);
}

/** The truth is right and complete: ids unique, first records are the population's persons, copies numbered. */
function checkRun(records: readonly LinkageRecord[], seed: number): void {
  expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
  const firsts = new Map<string, LinkageRecord>();
  const copies = new Map<string, number[]>();
  for (const r of records) {
    if (r.copy === 0) {
      expect(r.variants).toEqual([]);
      expect(firsts.has(r.personKey)).toBe(false);
      firsts.set(r.personKey, r);
    } else {
      const first = firsts.get(r.personKey);
      expect(first, `${r.recordId} arrives after its person's first record`).toBeDefined();
      checkAgainstFirst(r, first!);
      copies.set(r.personKey, [...(copies.get(r.personKey) ?? []), r.copy]);
    }
  }
  for (const list of copies.values()) {
    expect(new Set(list).size).toBe(list.length);
    for (const copy of list) expect([1, 2]).toContain(copy);
  }
  // First records are the synthetic population itself, person by person.
  const persons = [...generatePersons({ seed, count: firsts.size })];
  for (const p of persons) {
    const first = firsts.get(p.key);
    expect(first).toMatchObject({ name: p.name, residentId: p.residentId, birthDate: p.birthDate, divisionCode: p.divisionCode, phone: p.phone ?? '' });
  }
}

describe('the Chinese duplicate generator (issue 3 benchmark data)', () => {
  const records = [...generateChineseDuplicates({ seed: 2026, records: 20_000 })];

  it('emits exactly the records asked for, about a tenth of them further records, deterministically', () => {
    expect(records).toHaveLength(20_000);
    const share = records.filter((r) => r.copy > 0).length / records.length;
    expect(share).toBeGreaterThan(0.085);
    expect(share).toBeLessThan(0.115);
    expect([...generateChineseDuplicates({ seed: 2026, records: 20_000 })]).toEqual(records);
    // A shorter run is the same stream, cut (its last few further records are flushed early).
    expect([...generateChineseDuplicates({ seed: 2026, records: 500 })].slice(0, 400)).toEqual(records.slice(0, 400));
    expect([...generateChineseDuplicates({ seed: 2027, records: 500 })]).not.toEqual(records.slice(0, 500));
    expect(records.some((r) => r.copy === 2)).toBe(true);
  });

  it('has a truth that is right and variants that are what they claim', () => {
    checkRun(records, 2026);
  });

  it('carries every kind of error at about its rate', () => {
    const further = records.filter((r) => r.copy > 0);
    const rate = (v: string) => further.filter((r) => r.variants.includes(v as never)).length / further.length;
    for (const v of ['homophone', 'traditional', 'pinyin_only', 'id_typo', 'id_transposition', 'id_legacy_15', 'id_missing', 'day_month_swap', 'moved', 'phone_missing', 'phone_changed']) {
      expect(rate(v), v).toBeGreaterThan(0.005);
    }
    expect(rate('id_missing')).toBeGreaterThan(0.1);
    expect(rate('id_missing')).toBeLessThan(0.2);
  });

  it('property: for any seed the truth and the variant claims hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const run = [...generateChineseDuplicates({ seed, records: 400, duplicateShare: 0.3 })];
        expect(run).toHaveLength(400);
        checkRun(run, seed);
      }),
      { numRuns: 15 },
    );
  });

  it('property: ID typos and transpositions break the check character; 15-digit numbers upgrade back', () => {
    const ids = fc
      .tuple(fc.constantFrom('500101', '500235', '500243'), fc.integer({ min: 0, max: 36_500 }), fc.integer({ min: 0, max: 499 }), fc.constantFrom(1 as const, 2 as const), fc.integer())
      .map(([county, day, sequence, sex, seed]) => ({ id: makeResidentId(county, new Date(Date.UTC(1900, 0, 1) + day * 86_400_000).toISOString().slice(0, 10), sequence, sex), seed }));
    fc.assert(
      fc.property(ids, ({ id, seed }) => {
        const rng = createRng(seed);
        expect(parseResidentId(mistypeId(id, rng)).ok).toBe(false);
        const swapped = transposeId(id, rng);
        if (swapped !== null) expect(parseResidentId(swapped).ok).toBe(false);
        const legacy = legacyId(id);
        const upgraded = legacy === null ? null : parseResidentId(legacy);
        expect(upgraded?.ok && upgraded.value.id).toBe(id);
      }),
    );
  });

  it('lists only true homophones: each alternative reads like its key in the given-name pinyin', () => {
    for (const [key, alternatives] of Object.entries(GIVEN_NAME_HOMOPHONES)) {
      for (const alternative of Array.from(alternatives)) {
        expect(normaliseNamePart(alternative, 'given').pinyin, `${key} / ${alternative}`).toBe(normaliseNamePart(key, 'given').pinyin);
      }
    }
  });
});
