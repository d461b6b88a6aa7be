import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../people/resident-id.ts';
import { parseDeathRow } from './death-row.ts';
import { icdO3FromIcd10 } from './icd10-only.ts';
import { parseNotificationRow } from './notification-row.ts';

const TODAY = '2024-06-30';
const base = { source_ref: 'R1', kind: 'pathology', reported_on: '2024-03-01', name: '王建国', sex: '1', birth_date: '1950-04-01', topography: 'C16.2', morphology: '8140', behaviour: '3', basis: '7', histology_date: '2024-02-20' };

describe('notification rows', () => {
  it('reads a complete row, deriving ICD-10 from ICD-O-3 and the incidence date by the ENCR hierarchy', () => {
    const r = parseNotificationRow({ ...base, admission_date: '2024-02-01', t: 'T2', n: 'N0', m: 'M0' }, 1, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tumour).toMatchObject({ icd10: 'C16.2', incidence: { date: '2024-02-20', event: { kind: 'histology' } }, stage: 'I', detection: 'unknown' });
  });

  it('accepts a source that only has ICD-10 and codes ICD-O-3 from it', () => {
    const r = parseNotificationRow({ ...base, topography: '', morphology: '', behaviour: '', icd10: 'C22.0', basis: '2', histology_date: '', clinical_date: '2024-01-02' }, 1, TODAY);
    expect(r.ok && r.value.tumour).toMatchObject({ topography: 'C22.0', morphology: '8170', behaviour: 3, icd10: 'C22.0', fromIcd10: true });
    expect(icdO3FromIcd10('C92.0')).toEqual({ topography: 'C42.1', morphology: '9860', behaviour: 3 });
    expect(icdO3FromIcd10('D05.1')).toEqual({ topography: 'C80.9', morphology: '8010', behaviour: 2 });
  });

  it.each([
    [{ sex: '3' }, 'sex'],
    [{ topography: 'C99.9' }, 'topography'],
    [{ morphology: '1234' }, 'morphology'],
    [{ basis: 'x' }, 'basis'],
    [{ histology_date: '2099-01-01' }, 'histology_date'],
    [{ histology_date: '1940-01-01' }, 'histology_date'],
    [{ kind: 'autopsy' }, 'kind'],
    [{ reported_on: '' }, 'reported_on'],
    [{ resident_id: '500235195004010010' }, 'resident_id'],
    [{ topography: '', morphology: '' }, 'topography'],
    [{ laterality: '7' }, 'laterality'],
    [{ t: 'T9', n: 'N0', m: 'M0' }, 't'],
  ])('refuses %j naming the column %s', (patch, column) => {
    const r = parseNotificationRow({ ...base, ...patch }, 7, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.column)).toContain(column);
    for (const e of r.errors) expect(e.row).toBe(7);
  });

  it('never throws, and every refusal names a row and a column (fuzz)', () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'C16.9', '8140/3', '2024-02-30', '20240101', '9', '男', 'pathology'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(base), 'icd10', 'grade', 'detection', 'stage', 'resident_id'), cell), (patch) => {
        const r = parseNotificationRow({ ...base, ...patch }, 3, TODAY);
        if (!r.ok) for (const e of r.errors) expect(e.row === 3 && e.column.length > 0).toBe(true);
        else expect(r.value.tumour.incidence.date <= TODAY).toBe(true);
      }),
    );
  });
});

describe('death rows', () => {
  const row = { source_ref: 'D1', reported_on: '2024-06-01', name: '周大福', sex: '1', birth_date: '1940-02-02', death_date: '2024-05-21', underlying_cause: 'C22.0' };
  it('marks deaths in the registry scope as cancer deaths', () => {
    const r = parseDeathRow(row, 1, TODAY);
    expect(r.ok && r.value).toMatchObject({ cancerDeath: true, underlyingCause: 'C22.0', age: 84 });
    const heart = parseDeathRow({ ...row, underlying_cause: 'i219' }, 1, TODAY);
    expect(heart.ok && heart.value).toMatchObject({ cancerDeath: false, underlyingCause: 'I21.9' });
  });
  it.each([[{ underlying_cause: 'XX' }, 'underlying_cause'], [{ underlying_cause: 'C99' }, 'underlying_cause'], [{ death_date: '1930-01-01' }, 'death_date'], [{ resident_id: makeResidentId('500235', '1941-02-02', 1, 1) }, 'resident_id']])(
    'refuses %j naming %s',
    (patch, column) => {
      const r = parseDeathRow({ ...row, ...patch }, 2, TODAY);
      expect(!r.ok && r.errors.map((e) => e.column)).toContain(column);
    },
  );
});
