import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTopographies, lookupTopography, normaliseTopography } from './topography.ts';
import { parseMorphology } from './morphology.ts';
import { isValidIcd10, normaliseIcd10, registryScope } from './icd10.ts';
import { gradeFitsMorphology, parseBehaviour } from './behaviour-grade.ts';

describe('topography normaliser', () => {
  it('reads C16.9, C169, c16.9 and 169 alike', () => {
    for (const raw of ['C16.9', 'C169', 'c16.9', ' 169 ', '16.9']) expect(normaliseTopography(raw)).toBe('C16.9');
    expect(normaliseTopography('C16')).toBeNull();
    expect(normaliseTopography('C1699')).toBeNull();
    expect(lookupTopography('C169')?.zh).toBe('胃，未特指');
  });
  it('is idempotent and maps the dotted and undotted forms of every code to the same code (property)', () => {
    const codes = allTopographies().map((t) => t.code);
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.boolean(), fc.boolean(), (code, dot, lower) => {
        let raw = dot ? code : code.replace('.', '');
        if (lower) raw = raw.toLowerCase();
        const n = normaliseTopography(raw);
        return n === code && normaliseTopography(n) === n;
      }),
    );
  });
  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => { const n = normaliseTopography(s); return n === null || /^C\d{2}\.\d$/.test(n); }));
  });
});

describe('morphology parser', () => {
  it('accepts 8140, 8140/3, 81403 and M-8140/3', () => {
    expect(parseMorphology('8140')).toEqual({ code: '8140', behaviour: null });
    expect(parseMorphology('8140/3')).toEqual({ code: '8140', behaviour: 3 });
    expect(parseMorphology('81403')).toEqual({ code: '8140', behaviour: 3 });
    expect(parseMorphology('M-8140/3')).toEqual({ code: '8140', behaviour: 3 });
    expect(parseMorphology('814')).toBeNull();
  });
  it('round-trips any 4-digit code with any behaviour digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8000, max: 9999 }), fc.integer({ min: 0, max: 9 }), (m, b) => {
        const parsed = parseMorphology(`${m}/${b}`);
        return parsed?.code === String(m) && parsed.behaviour === b;
      }),
    );
  });
});

describe('ICD-10 and the national registry scope', () => {
  it('validates categories and fourth characters', () => {
    expect(isValidIcd10('C16.9')).toBe(true);
    expect(isValidIcd10('C169')).toBe(true);
    expect(isValidIcd10('C16.7')).toBe(false);
    expect(isValidIcd10('C61')).toBe(true);
    expect(isValidIcd10('C99')).toBe(false);
    expect(normaliseIcd10('d05.1')).toBe('D05.1');
  });
  it('counts C00–C97, D32–D33, D42–D43, D45–D47 and keeps in-situ and benign apart', () => {
    expect(registryScope('C34.1')).toBe('reportable');
    expect(registryScope('D32.0')).toBe('reportable');
    expect(registryScope('D43.2')).toBe('reportable');
    expect(registryScope('D46.9')).toBe('reportable');
    expect(registryScope('D44.3')).toBe('uncertain');
    expect(registryScope('D05.1')).toBe('inSitu');
    expect(registryScope('D12.6')).toBe('benign');
    expect(registryScope('I21.0')).toBe('outOfScope');
  });
});

describe('behaviour and grade', () => {
  it('parses behaviour codes and rejects others', () => {
    expect(parseBehaviour('3')).toBe(3);
    expect(parseBehaviour('/2')).toBe(2);
    expect(parseBehaviour('4')).toBeNull();
  });
  it('allows immunophenotype grades 5–8 only for lymphomas and leukaemias', () => {
    expect(gradeFitsMorphology(5, '9702')).toBe(true);
    expect(gradeFitsMorphology(5, '8140')).toBe(false);
    expect(gradeFitsMorphology(2, '8140')).toBe(true);
  });
});
