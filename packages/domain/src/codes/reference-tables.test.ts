/**
 * Cross-checks of the registry's code tables against the IARC reference files in ../shared/data/icdo3
 * (IARCcrgTools / CanReg5 lookups, IARC TR42). The reference files are parsed here independently of the
 * generator, so a hand edit of a generated table or a generator bug shows up as a difference.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allTopographies, lookupTopography } from './topography.ts';
import { allMorphologies, lookupMorphology } from './morphology.ts';
import { convertIcdO3ToIcd10 } from './icdo3-to-icd10.ts';
import { isValidIcd10 } from './icd10.ts';
import { checkSiteMorphology, morphologyFamily } from './site-morphology.ts';

const dir = fileURLToPath(new URL('../../../../../shared/data/icdo3/', import.meta.url));
const lines = (name: string): string[] =>
  readFileSync(dir + name, 'latin1').replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');

describe('topography table vs topography.tsv', () => {
  const reference = lines('topography.tsv').map((l) => l.split('\t')[0] ?? '').filter((c) => c.length === 3 && c !== '141');
  it('holds exactly the ICD-O-3 subsites of the reference (C14.1 is an ICD-O-2 code and is left out)', () => {
    const ours = allTopographies().map((t) => t.code.replace(/[C.]/g, '')).sort();
    expect(ours).toEqual([...reference].sort());
    expect(lookupTopography('C14.1')).toBeNull();
  });
  it('has a Chinese term for every code', () => {
    for (const t of allTopographies()) expect(t.zh.length, t.code).toBeGreaterThan(0);
  });
});

describe('morphology table vs morphology5.tsv', () => {
  const reference = lines('morphology5.tsv').slice(1).map((l) => l.split('\t')[0] ?? '');
  it('holds every code/behaviour of the reference and nothing else', () => {
    expect(allMorphologies().map((m) => `${m.code}${m.behaviour}`).sort()).toEqual([...reference].sort());
    for (const code of reference) expect(lookupMorphology(code.slice(0, 4), Number(code[4]))).not.toBeNull();
  });
  it('has a Chinese term for every morphology (coverage stated in docs/registry.md)', () => {
    const missing = allMorphologies().filter((m) => m.zh === null);
    expect(missing).toEqual([]);
  });
});

/** An independent reading of O3_10T / O3_10M for rules 1–5 (topography column) and 7 (fixed code). */
function referenceConversion(): { topo: Map<string, string[]>; morph: Map<string, string> } {
  const topo = new Map<string, string[]>();
  for (const l of lines('O3_10T.txt')) topo.set(l.slice(0, 3), [1, 2, 3, 4, 5].map((i) => l.slice(3 + (i - 1) * 4, 3 + i * 4).trim()));
  const morph = new Map<string, string>();
  for (const l of lines('O3_10M.txt')) morph.set(l.slice(0, 5), l.slice(5).split('/')[0] ?? '');
  return { topo, morph };
}
const dotted = (code: string): string => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

describe('ICD-O-3 → ICD-10 conversion vs O3_10T / O3_10M', () => {
  const { topo, morph } = referenceConversion();
  const sites = ['160', '169', '187', '341', '445', '509', '539', '619', '679', '739', '809'];
  it('equals the reference for every morphology whose rule is topography- or morphology-only', () => {
    let compared = 0;
    for (const [key, rule] of morph) {
      const letter = rule[0] ?? '';
      const col = { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, E: 1, F: 2, G: 3, H: 4 }[letter];
      const fixed = letter === '7' || letter === 'K' ? rule.slice(1, 5).trim() : null;
      if (col === undefined && fixed === null) continue;
      if (fixed !== null && (fixed.includes('#') || fixed.includes('*'))) continue;
      for (const site of sites) {
        const expected = fixed ?? topo.get(site)?.[(col ?? 1) - 1] ?? '';
        if (expected.includes('?') || expected.includes('#') || expected === '') continue;
        const topography = `C${site.slice(0, 2)}.${site.slice(2)}`;
        const result = convertIcdO3ToIcd10({ topography, morphology: key.slice(0, 4), behaviour: Number(key[4]) });
        expect(result.ok && result.icd10, `${key} ${topography}`).toBe(dotted(expected));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(15_000);
  });
  it('converts the site-dependent histologies by ICD-10 chapter II', () => {
    const c = (topography: string, morphology: string, behaviour: number) => {
      const r = convertIcdO3ToIcd10({ topography, morphology, behaviour });
      return r.ok ? r.icd10 : r.reason;
    };
    expect(c('C44.5', '8720', 3)).toBe('C43.5');
    expect(c('C44.7', '8743', 3)).toBe('C43.7');
    expect(c('C69.3', '8720', 3)).toBe('C69.3');
    expect(c('C44.3', '8720', 2)).toBe('D03.3');
    expect(c('C44.6', '8720', 0)).toBe('D22.6');
    expect(c('C44.3', '8090', 3)).toBe('C44.3');
    expect(c('C44.7', '9140', 3)).toBe('C46.0');
    expect(c('C77.2', '9140', 3)).toBe('C46.3');
    expect(c('C38.4', '9050', 3)).toBe('C45.0');
    expect(c('C48.2', '9052', 3)).toBe('C45.1');
    expect(c('C49.1', '8850', 0)).toBe('D17.2');
    expect(c('C44.7', '8890', 3)).toBe('C49.2');
    expect(c('C16.9', '8890', 3)).toBe('C16.9');
    expect(c('C22.0', '8170', 3)).toBe('C22.0');
    expect(c('C22.0', '8160', 3)).toBe('C22.1');
    expect(c('C22.0', '8970', 3)).toBe('C22.2');
    expect(c('C77.9', '9680', 3)).toBe('C83.3');
    expect(c('C42.1', '9732', 3)).toBe('C90.0');
  });
  it('produces only valid ICD-10 codes for every listed morphology at every topography', () => {
    const invalid = new Set<string>();
    for (const m of allMorphologies()) {
      for (const t of allTopographies()) {
        const r = convertIcdO3ToIcd10({ topography: t.code, morphology: m.code, behaviour: m.behaviour, sex: 2 });
        // Hydatidiform moles convert to chapter XV (O01); the registry validates chapter II codes only.
        if (r.ok && /^[CD]/.test(r.icd10) && !isValidIcd10(r.icd10)) invalid.add(r.icd10);
      }
    }
    expect([...invalid]).toEqual([]);
  });
});

describe('site/histology families vs MorphFam / Must / MustNot', () => {
  const families = new Map(lines('MorphFam.txt').map((l) => [l.slice(0, 4), l.slice(4, 7)]));
  const must = lines('Must.txt').map((l) => l.trim());
  it('gives each morphology the family of MorphFam.txt', () => {
    for (const [code, fam] of families) {
      const ours = morphologyFamily(code);
      if (fam === '***') expect(ours, code).toBeNull();
      else expect(ours && `${ours.list === 'must' ? '+' : '-'}${String(ours.family).padStart(2, '0')}`, code).toBe(fam);
    }
  });
  it('accepts every Must site for every morphology of the family, and flags a site outside it', () => {
    const byFamily = new Map<string, string[]>();
    for (const [code, fam] of families) if (fam.startsWith('+')) byFamily.set(fam.slice(1), [...(byFamily.get(fam.slice(1)) ?? []), code]);
    for (const row of must) {
      const codes = byFamily.get(row.slice(0, 2)) ?? [];
      const site = row.slice(2);
      const topography = site.endsWith('*') ? `${site.slice(0, 3)}.9` : `${site.slice(0, 3)}.${site.slice(3)}`;
      // Must.txt names a few subsites ICD-O-3 does not have (C49.7); nothing can be coded there.
      if (!lookupTopography(topography)) continue;
      for (const code of codes) expect(checkSiteMorphology(topography, code).kind, `${code} ${topography}`).toBe('ok');
    }
    expect(checkSiteMorphology('C16.9', '8170').kind).toBe('unlikely');
    expect(checkSiteMorphology('C22.0', '8170').kind).toBe('ok');
  });
});
