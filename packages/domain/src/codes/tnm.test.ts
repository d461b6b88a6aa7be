import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkStage, tnmCategories, tnmSiteOf, tnmStage, type TnmSite } from './tnm.ts';

describe('TNM 8th stage groups', () => {
  it('maps topographies to chapters', () => {
    expect(tnmSiteOf('C34.1')).toBe('lung');
    expect(tnmSiteOf('C20.9')).toBe('colorectum');
    expect(tnmSiteOf('C22.1')).toBeNull();
  });
  it('groups the textbook examples', () => {
    expect(tnmStage('lung', 'T1b', 'N0', 'M0')).toBe('IA2');
    expect(tnmStage('lung', 'T3', 'N2', 'M0')).toBe('IIIB');
    expect(tnmStage('lung', 'T2a', 'N3', 'M0')).toBe('IIIB');
    expect(tnmStage('lung', 'T4', 'N3', 'M0')).toBe('IIIC');
    expect(tnmStage('lung', 'pT1a', 'pN0', 'M1c')).toBe('IVB');
    expect(tnmStage('colorectum', 'T3', 'N0', 'M0')).toBe('IIA');
    expect(tnmStage('colorectum', 'T1', 'N2a', 'M0')).toBe('IIIA');
    expect(tnmStage('colorectum', 'T4a', 'N2b', 'M0')).toBe('IIIC');
    expect(tnmStage('colorectum', 'T2', 'N1', 'M1b')).toBe('IVB');
    expect(tnmStage('stomach', 'T2', 'N1', 'M0')).toBe('IIA');
    expect(tnmStage('stomach', 'T4b', 'N0', 'M0')).toBe('IVA');
    expect(tnmStage('liver', 'T1b', 'N0', 'M0')).toBe('IB');
    expect(tnmStage('breast', 'T2', 'N1', 'M0')).toBe('IIB');
    expect(tnmStage('breast', 'T1c', 'N3a', 'M0')).toBe('IIIC');
  });
  it('checks recorded stage groups and categories', () => {
    expect(checkStage('lung', { t: 'T2a', n: 'N0', m: 'M0', stage: 'IB' })).toEqual({ kind: 'ok', stage: 'IB' });
    expect(checkStage('lung', { t: 'T2a', n: 'N0', m: 'M0', stage: 'IIA' })).toEqual({ kind: 'mismatch', expected: 'IB', recorded: 'IIA' });
    expect(checkStage('lung', { t: 'T5', n: 'N0', m: 'M0' })).toMatchObject({ kind: 'invalidCategory', field: 'T' });
    expect(checkStage('liver', { t: 'T1', n: 'N0', m: 'M0', stage: 'IX' })).toMatchObject({ kind: 'invalidCategory', field: 'stage' });
  });
  it('every valid T/N/M combination gives a listed stage or none, and M1 always a stage IV (property)', () => {
    const sites: TnmSite[] = ['lung', 'stomach', 'colorectum', 'liver', 'breast'];
    fc.assert(
      fc.property(fc.constantFrom(...sites), fc.nat(), fc.nat(), fc.nat(), (site, i, j, k) => {
        const c = tnmCategories(site);
        const t = c.t[i % c.t.length]!;
        const n = c.n[j % c.n.length]!;
        const m = c.m[k % c.m.length]!;
        const s = tnmStage(site, t, n, m);
        return (s === null || c.stages.includes(s)) && (m === 'M0' || (s !== null && s.startsWith('IV')));
      }),
    );
  });
});
