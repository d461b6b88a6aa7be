/**
 * TNM 8th edition (UICC 2017, Brierley et al.; identical stage groups in AJCC 8th) for the commonest sites of the
 * Chongqing registries: categories per site and the stage group they imply, so a recorded stage can be checked.
 * Breast uses the anatomic stage groups; stomach the clinical (cTNM) groups.
 */
export type TnmSite = 'lung' | 'stomach' | 'colorectum' | 'liver' | 'breast';

interface SiteTable {
  readonly t: readonly string[];
  readonly n: readonly string[];
  readonly m: readonly string[];
  readonly stages: readonly string[];
  readonly stage: (t: string, n: string, m: string) => string | null;
}

const inT = (t: string, ...list: string[]) => list.some((x) => t === x || (x.endsWith('*') && t.startsWith(x.slice(0, -1))));

const TABLES: Readonly<Record<TnmSite, SiteTable>> = {
  lung: {
    t: ['TX', 'T0', 'Tis', 'T1mi', 'T1a', 'T1b', 'T1c', 'T2a', 'T2b', 'T3', 'T4'],
    n: ['NX', 'N0', 'N1', 'N2', 'N3'],
    m: ['M0', 'M1a', 'M1b', 'M1c'],
    stages: ['Occult', '0', 'IA1', 'IA2', 'IA3', 'IB', 'IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC', 'IVA', 'IVB'],
    stage(t, n, m) {
      if (m === 'M1c') return 'IVB';
      if (m === 'M1a' || m === 'M1b') return 'IVA';
      if (n === 'NX') return null;
      if (t === 'TX') return n === 'N0' ? 'Occult' : null;
      if (t === 'Tis') return n === 'N0' ? '0' : null;
      if (t === 'T0') return null;
      const t12 = inT(t, 'T1*', 'T2*');
      if (n === 'N3') return t12 ? 'IIIB' : 'IIIC';
      if (n === 'N2') return t12 ? 'IIIA' : 'IIIB';
      if (n === 'N1') return t12 ? 'IIB' : 'IIIA';
      return { T1mi: 'IA1', T1a: 'IA1', T1b: 'IA2', T1c: 'IA3', T2a: 'IB', T2b: 'IIA', T3: 'IIB', T4: 'IIIA' }[t] ?? null;
    },
  },
  stomach: {
    t: ['TX', 'T0', 'Tis', 'T1', 'T1a', 'T1b', 'T2', 'T3', 'T4', 'T4a', 'T4b'],
    n: ['NX', 'N0', 'N1', 'N2', 'N3', 'N3a', 'N3b'],
    m: ['M0', 'M1'],
    stages: ['0', 'I', 'IIA', 'IIB', 'III', 'IVA', 'IVB'],
    stage(t, n, m) {
      if (m === 'M1') return 'IVB';
      if (t === 'T4b') return 'IVA';
      if (t === 'TX' || t === 'T0' || n === 'NX') return null;
      if (t === 'Tis') return n === 'N0' ? '0' : null;
      const early = inT(t, 'T1*', 'T2');
      if (n === 'N0') return early ? 'I' : 'IIB';
      return early ? 'IIA' : 'III';
    },
  },
  colorectum: {
    t: ['TX', 'T0', 'Tis', 'T1', 'T2', 'T3', 'T4', 'T4a', 'T4b'],
    n: ['NX', 'N0', 'N1', 'N1a', 'N1b', 'N1c', 'N2', 'N2a', 'N2b'],
    m: ['M0', 'M1', 'M1a', 'M1b', 'M1c'],
    stages: ['0', 'I', 'IIA', 'IIB', 'IIC', 'IIIA', 'IIIB', 'IIIC', 'IV', 'IVA', 'IVB', 'IVC'],
    stage(t, n, m) {
      // M1 without a subcategory (the coder did not know the sites) still makes stage IV.
      if (m !== 'M0') return { M1: 'IV', M1a: 'IVA', M1b: 'IVB', M1c: 'IVC' }[m] ?? null;
      if (t === 'TX' || t === 'T0' || n === 'NX') return null;
      if (t === 'Tis') return n === 'N0' ? '0' : null;
      if (n === 'N0') return { T1: 'I', T2: 'I', T3: 'IIA', T4: 'IIB', T4a: 'IIB', T4b: 'IIC' }[t] ?? null;
      if (t === 'T4b') return 'IIIC';
      const n1 = n.startsWith('N1');
      if (n1) return t === 'T1' || t === 'T2' ? 'IIIA' : 'IIIB';
      if (n === 'N2a') return t === 'T1' ? 'IIIA' : t === 'T2' || t === 'T3' ? 'IIIB' : 'IIIC';
      if (n === 'N2b') return t === 'T1' || t === 'T2' ? 'IIIB' : 'IIIC';
      return null;
    },
  },
  liver: {
    t: ['TX', 'T0', 'T1', 'T1a', 'T1b', 'T2', 'T3', 'T4'],
    n: ['NX', 'N0', 'N1'],
    m: ['M0', 'M1'],
    stages: ['IA', 'IB', 'II', 'IIIA', 'IIIB', 'IVA', 'IVB'],
    stage(t, n, m) {
      if (m === 'M1') return 'IVB';
      if (n === 'N1') return 'IVA';
      if (n !== 'N0') return null;
      return { T1a: 'IA', T1b: 'IB', T2: 'II', T3: 'IIIA', T4: 'IIIB' }[t] ?? null;
    },
  },
  breast: {
    t: ['TX', 'T0', 'Tis', 'T1', 'T1mi', 'T1a', 'T1b', 'T1c', 'T2', 'T3', 'T4', 'T4a', 'T4b', 'T4c', 'T4d'],
    n: ['NX', 'N0', 'N1mi', 'N1', 'N2', 'N2a', 'N2b', 'N3', 'N3a', 'N3b', 'N3c'],
    m: ['M0', 'M1'],
    stages: ['0', 'IA', 'IB', 'IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC', 'IV'],
    stage(t, n, m) {
      if (m === 'M1') return 'IV';
      if (n.startsWith('N3')) return 'IIIC';
      if (t === 'TX' || n === 'NX') return null;
      if (t === 'Tis') return n === 'N0' ? '0' : null;
      if (t.startsWith('T4')) return 'IIIB';
      const t01 = t === 'T0' || t.startsWith('T1');
      if (n.startsWith('N2')) return 'IIIA';
      if (n === 'N1') return t01 ? 'IIA' : t === 'T2' ? 'IIB' : 'IIIA';
      if (n === 'N1mi') return t01 ? 'IB' : t === 'T2' ? 'IIB' : 'IIIA';
      return t01 ? (t === 'T0' ? null : 'IA') : t === 'T2' ? 'IIA' : 'IIB';
    },
  },
};

/** The TNM chapter for a topography, or null when the site has no table here. */
export function tnmSiteOf(topography: string): TnmSite | null {
  const g = topography.slice(0, 3);
  if (g === 'C33' || g === 'C34') return 'lung';
  if (g === 'C16') return 'stomach';
  if (g === 'C18' || g === 'C19' || g === 'C20') return 'colorectum';
  if (topography === 'C22.0') return 'liver';
  if (g === 'C50') return 'breast';
  return null;
}

/** Strips the c/p/yp prefixes (`pT2a` → `T2a`). */
const bare = (v: string, letter: string): string => {
  const t = v.trim().replace(/^(y?[cpra])/, '');
  return t.toUpperCase().startsWith(letter) ? letter + t.slice(1) : t;
};

export type StageCheck =
  | { readonly kind: 'ok'; readonly stage: string }
  | { readonly kind: 'invalidCategory'; readonly field: 'T' | 'N' | 'M' | 'stage'; readonly value: string }
  | { readonly kind: 'mismatch'; readonly expected: string | null; readonly recorded: string };

export function tnmStage(site: TnmSite, t: string, n: string, m: string): string | null {
  const table = TABLES[site];
  const [tt, nn, mm] = [bare(t, 'T'), bare(n, 'N'), bare(m, 'M')];
  if (!table.t.includes(tt) || !table.n.includes(nn) || !table.m.includes(mm)) return null;
  return table.stage(tt, nn, mm);
}

/** Checks the categories against the site's chapter and, when a stage group is recorded, that it follows from them. */
export function checkStage(site: TnmSite, input: { t: string; n: string; m: string; stage?: string | null }): StageCheck {
  const table = TABLES[site];
  const [t, n, m] = [bare(input.t, 'T'), bare(input.n, 'N'), bare(input.m, 'M')];
  if (!table.t.includes(t)) return { kind: 'invalidCategory', field: 'T', value: input.t };
  if (!table.n.includes(n)) return { kind: 'invalidCategory', field: 'N', value: input.n };
  if (!table.m.includes(m)) return { kind: 'invalidCategory', field: 'M', value: input.m };
  const expected = table.stage(t, n, m);
  const recorded = input.stage?.trim().toUpperCase().replace(/^STAGE\s*/, '') ?? null;
  if (recorded !== null && recorded !== '' && !table.stages.map((s) => s.toUpperCase()).includes(recorded)) {
    return { kind: 'invalidCategory', field: 'stage', value: input.stage ?? '' };
  }
  if (recorded === null || recorded === '') return expected === null ? { kind: 'mismatch', expected: null, recorded: '' } : { kind: 'ok', stage: expected };
  return expected !== null && expected.toUpperCase() === recorded ? { kind: 'ok', stage: expected } : { kind: 'mismatch', expected, recorded };
}

export function tnmCategories(site: TnmSite): { t: readonly string[]; n: readonly string[]; m: readonly string[]; stages: readonly string[] } {
  const { t, n, m, stages } = TABLES[site];
  return { t, n, m, stages };
}
