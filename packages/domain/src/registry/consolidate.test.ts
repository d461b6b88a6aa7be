import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ci5AgeGroup, ci5CancerOf } from './ci5-cancers.ts';
import { fieldsFromNotification, mergeNotification, overrideField, type NotificationFacts } from './consolidate.ts';

const hospital: NotificationFacts = {
  id: 1, incidenceDate: '2024-02-10', incidenceEvent: 'admission', topography: 'C16.9', morphology: '8000', behaviour: 3, grade: null, laterality: null, basis: 2,
  icd10: 'C16.9', t: 'T2', n: 'N0', m: 'M0', stage: 'I', detection: 'unknown',
};
const pathology: NotificationFacts = { ...hospital, id: 2, incidenceDate: '2024-02-20', incidenceEvent: 'histology', topography: 'C16.2', morphology: '8140', grade: 2, basis: 7, t: null, n: null, m: null, stage: null, detection: 'symptoms' };

describe('consolidation of notifications into one tumour', () => {
  it('takes each field from the best source and remembers which', () => {
    const first = fieldsFromNotification(hospital);
    const merged = mergeNotification(first.fields, first.incidenceEvent, pathology);
    expect(merged.incidenceEvent).toBe('histology');
    expect(merged.fields.incidence_date).toEqual({ value: '2024-02-20', notificationId: 2, overridden: false });
    expect(merged.fields.morphology.notificationId).toBe(2);
    expect(merged.fields.topography.value).toBe('C16.2');
    expect(merged.fields.basis.value).toBe('7');
    expect(merged.fields.stage_group).toEqual({ value: 'I', notificationId: 1, overridden: false });
    expect(merged.changed).toEqual(expect.arrayContaining(['incidence_date', 'morphology', 'basis', 'topography', 'grade', 'detection']));
  });

  it('keeps a registrar override whatever arrives later', () => {
    const first = fieldsFromNotification(hospital);
    const overridden = overrideField(first.fields, 'morphology', '8211');
    const merged = mergeNotification(overridden, first.incidenceEvent, pathology);
    expect(merged.fields.morphology).toEqual({ value: '8211', notificationId: null, overridden: true });
  });

  it('does not depend on the order the notifications arrive in for date and basis (property)', () => {
    const facts = fc.record({
      id: fc.integer({ min: 1, max: 1000 }),
      incidenceDate: fc.date({ min: new Date('2000-01-01'), max: new Date('2024-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      incidenceEvent: fc.constantFrom('histology', 'admission', 'outpatient', 'clinicalDiagnosis', 'death'),
      basis: fc.constantFrom(0, 1, 2, 4, 5, 6, 7, 9),
    });
    fc.assert(
      fc.property(fc.array(facts, { minLength: 1, maxLength: 6 }), (list) => {
        const run = (order: typeof list) => {
          const [head, ...rest] = order.map((f) => ({ ...hospital, ...f }));
          let c = fieldsFromNotification(head!);
          for (const n of rest) c = mergeNotification(c.fields, c.incidenceEvent, n);
          return [c.fields.incidence_date.value, c.incidenceEvent, c.fields.basis.value];
        };
        expect(run([...list].reverse())).toEqual(run(list));
      }),
    );
  });
});

describe('CI5-XII cancer groups', () => {
  it('places ICD-10 codes in their groups', () => {
    expect(ci5CancerOf('C16.9')).toBe(11);
    expect(ci5CancerOf('C20')).toBe(14);
    expect(ci5CancerOf('C34.1')).toBe(21);
    expect(ci5CancerOf('C96.2')).toBe(53);
    expect(ci5CancerOf('D47.1')).toBe(59);
    expect(ci5CancerOf('D05.1')).toBeNull();
    expect([ci5AgeGroup(0), ci5AgeGroup(44), ci5AgeGroup(85), ci5AgeGroup(null)]).toEqual(['0-4', '40-44', '85+', 'unknown']);
  });
});
