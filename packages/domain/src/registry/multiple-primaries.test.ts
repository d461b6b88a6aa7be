import { describe, expect, it } from 'vitest';
import { comparePrimaries, decidePrimaries, organOf } from './multiple-primaries.ts';
import { histologyGroup, sameHistology } from './histology-groups.ts';

const t = (id: string, topography: string, morphology: string, incidenceDate: string | null = '2020-01-01') => ({ id, topography, morphology, incidenceDate });

describe('IARC/IACR 2004 multiple primaries', () => {
  it('groups histologies into the 17 groups', () => {
    expect(histologyGroup('8070')).toBe(1);
    expect(histologyGroup('8140')).toBe(3);
    expect(histologyGroup('8010')).toBe(5);
    expect(histologyGroup('9680')).toBe(9);
    expect(histologyGroup('9140')).toBe(15);
    expect(histologyGroup('8000')).toBe(17);
    expect(sameHistology(5, 3)).toBe(true);
    expect(sameHistology(1, 3)).toBe(false);
    expect(sameHistology(14, 9)).toBe(true);
  });
  it('rule 3: one tumour per organ, with grouped categories counted as one organ; time is ignored', () => {
    expect(organOf('C19.9')).toBe(organOf('C20.9'));
    expect(organOf('C33.9')).toBe(organOf('C34.1'));
    expect(comparePrimaries(t('a', 'C34.1', '8140', '2010-01-01'), t('b', 'C34.3', '8010', '2023-01-01'))).toMatchObject({ kind: 'same', duplicateOf: 'a', rule: 'IARC/IACR 2004 rule 3' });
    expect(comparePrimaries(t('a', 'C18.2', '8140'), t('b', 'C18.7', '8140'))).toMatchObject({ kind: 'same' });
    expect(comparePrimaries(t('a', 'C18.2', '8140'), t('b', 'C16.9', '8140')).kind).toBe('new');
  });
  it('rule 4b: different histology in the same organ is a new primary', () => {
    const d = comparePrimaries(t('a', 'C34.1', '8070'), t('b', 'C34.1', '8140'));
    expect(d).toMatchObject({ kind: 'new', rule: 'IARC/IACR 2004 rule 4b' });
    expect(d.explanation.zh).toContain('组织学分组不同');
  });
  it('rule 4a: lymphomas, leukaemias, Kaposi sarcoma and mesothelioma are counted once per person', () => {
    expect(comparePrimaries(t('a', 'C77.2', '9680'), t('b', 'C16.9', '9699'))).toMatchObject({ kind: 'same', rule: 'IARC/IACR 2004 rule 4a' });
    expect(comparePrimaries(t('a', 'C44.5', '9140'), t('b', 'C49.2', '9140')).kind).toBe('same');
    expect(comparePrimaries(t('a', 'C38.4', '9050'), t('b', 'C48.2', '9052')).kind).toBe('same');
    expect(comparePrimaries(t('a', 'C42.1', '9861'), t('b', 'C77.9', '9680')).kind).toBe('new');
    expect(comparePrimaries(t('a', 'C42.1', '9861'), t('b', 'C42.1', '9800')).kind).toBe('same');
  });
  it('decides for a whole person in incidence order', () => {
    const d = decidePrimaries([t('late', 'C50.4', '8500', '2022-01-01'), t('early', 'C50.2', '8500', '2019-01-01'), t('lung', 'C34.1', '8140', '2021-01-01')]);
    expect(d.get('early')?.kind).toBe('new');
    expect(d.get('lung')?.kind).toBe('new');
    expect(d.get('late')).toMatchObject({ kind: 'same', duplicateOf: 'early' });
  });
});
