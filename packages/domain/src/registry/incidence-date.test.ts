import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incidenceDate, incidencePriority, type IncidenceEventKind } from './incidence-date.ts';

describe('ENCR incidence date', () => {
  it('prefers histology over an earlier admission, and the earliest date within a priority', () => {
    const r = incidenceDate([
      { kind: 'admission', date: '2020-01-05' },
      { kind: 'histology', date: '2020-01-20' },
      { kind: 'cytology', date: '2020-01-10' },
    ]);
    expect(r?.date).toBe('2020-01-10');
    expect(r?.event.kind).toBe('cytology');
  });
  it('falls back to the death date for a DCO case and returns null with no events', () => {
    expect(incidenceDate([{ kind: 'death', date: '2021-03-03' }])?.explanation.en).toContain('priority 5');
    expect(incidenceDate([])).toBeNull();
  });
  it('chooses an event of the best priority present, and no later one of that priority (property)', () => {
    const kinds: IncidenceEventKind[] = ['histology', 'cytology', 'admission', 'outpatient', 'clinicalDiagnosis', 'death', 'autopsy'];
    const event = fc.record({ kind: fc.constantFrom(...kinds), date: fc.integer({ min: 0, max: 20000 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10)) });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        const r = incidenceDate(events);
        if (!r) return false;
        const best = Math.min(...events.map((e) => incidencePriority(e.kind)));
        const same = events.filter((e) => incidencePriority(e.kind) === best);
        return incidencePriority(r.event.kind) === best && same.every((e) => e.date >= r.date);
      }),
    );
  });
});
