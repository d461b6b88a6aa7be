import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allIcd10Categories, registryScope } from '../../codes/icd10.ts';
import { CI5_GROUPS, CI5_ROWS, ci5Totals } from './ci5-groups.ts';
import { NCCR_GROUPS, nccrTotals } from './nccr-groups.ts';
import { expandRanges, icd10Category } from './site-group.ts';
import { groupSite } from './site-grouping.ts';

describe('site groups', () => {
  it('CI5 group codes and English labels equal ../shared/data/ci5/cancers.csv', () => {
    const file = fileURLToPath(new URL('../../../../../../shared/data/ci5/cancers.csv', import.meta.url));
    const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => /^(\d+),"(.*)"$/.exec(l)!.slice(1, 3));
    expect(CI5_ROWS.map(([id, en]) => [id, en])).toEqual(rows.filter(([id]) => Number(id) <= 61));
  });
  it('NCCR groups follow the annual report (colorectum, brain with D32–D33/D42–D43, leukaemia with D45–D47)', () => {
    const id = (c: string) => NCCR_GROUPS.classify(c)?.id;
    expect(['C18.7', 'C19', 'C20', 'C21.1'].map(id)).toEqual(['colorectum', 'colorectum', 'colorectum', 'colorectum']);
    expect(['C71.9', 'D32.0', 'D33.1', 'D42', 'D43.2'].every((c) => id(c) === 'brain')).toBe(true);
    expect(['C91.0', 'C95', 'D45', 'D46.9', 'D47.1'].every((c) => id(c) === 'leukaemia')).toBe(true);
    expect(id('C17.1')).toBe('other');
    expect(id('C44.3')).toBe('other');
    expect(NCCR_GROUPS.classify('D05.1')).toBeNull();
    expect(nccrTotals('C44.3')).toEqual(['all']);
    expect(nccrTotals('C34.1')).toEqual(['all', 'all-but-c44']);
    expect(NCCR_GROUPS.classify('C34')?.zh).toBe('气管、支气管、肺');
  });
  it('CI5 groups split D47 by its fourth character and keep skin out of total 63', () => {
    expect(CI5_GROUPS.classify('D47.1')?.en).toBe('Myeloproliferative disorders');
    expect(CI5_GROUPS.classify('D47.2')).toBeNull();
    expect(CI5_GROUPS.classify('C96.2')?.id).toBe('53');
    expect(ci5Totals('C44.9')).toEqual(['62']);
    expect(ci5Totals('C16')).toEqual(['62', '63']);
  });
  it('every reportable C code falls in exactly one NCCR group, and CI5 covers every C code but C97', () => {
    for (const c of allIcd10Categories()) {
      if (c.category.startsWith('C') && registryScope(c.category) === 'reportable') {
        expect(NCCR_GROUPS.classify(c.category), c.category).not.toBeNull();
        if (c.category !== 'C97') expect(CI5_GROUPS.classify(c.category), c.category).not.toBeNull();
      }
    }
  });
  it('classification ignores the code spelling (C18.7, C187, c18.7)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 9 }), (n, d) => {
      const code = `C${String(n).padStart(2, '0')}`;
      expect(NCCR_GROUPS.classify(`${code}.${d}`)?.id).toBe(NCCR_GROUPS.classify(`${code.toLowerCase()}${d}`)?.id);
    }));
  });
  it('three-character groups carry both names; ranges expand', () => {
    expect(icd10Category('C16.9')).toMatchObject({ id: 'C16', zh: expect.stringContaining('胃') as unknown });
    expect(expandRanges('C01-C03,D47.3-D47.5')).toEqual(['C01', 'C02', 'C03', 'D47.3', 'D47.4', 'D47.5']);
  });
});

describe('groupSite', () => {
  it('puts a case in its group and in the totals of the scheme', () => {
    const nccr = groupSite('nccr', 'C18.7');
    expect(nccr.kind === 'grouped' && [nccr.group.id, ...nccr.totals.map((t) => t.id)]).toEqual(['colorectum', 'all', 'all-but-c44']);
    const ci5 = groupSite('ci5', 'C44.3');
    expect(ci5.kind === 'grouped' && [ci5.group.id, ...ci5.totals.map((t) => t.id)]).toEqual(['25', '62']);
    const icd = groupSite('icd10', 'c16.9');
    expect(icd.kind === 'grouped' && [icd.group.id, icd.group.zh, ...icd.totals.map((t) => t.id)]).toEqual(['C16', '胃恶性肿瘤', 'all', 'all-but-c44']);
  });
  it('excludes in-situ and benign codes, and refuses what is not ICD-10', () => {
    expect(groupSite('nccr', 'D05.1').kind).toBe('excluded');
    expect(groupSite('icd10', 'D12.0').kind).toBe('excluded');
    expect(groupSite('ci5', 'D47.2').kind).toBe('excluded');
    expect(groupSite('nccr', 'stomach').kind).toBe('invalid');
    expect(groupSite('icd10', 'C99').kind).toBe('invalid');
  });
});
