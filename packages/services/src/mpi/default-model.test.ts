import { makeResidentId } from '@onconet/domain';
import { parseModel, scoreCandidates, serialiseModel, type RawRecord } from '@onconet/domain/linkage/index';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MPI_MODEL } from './default-model.ts';

const score = (a: RawRecord, b: RawRecord) => scoreCandidates(DEFAULT_MPI_MODEL, a, [{ id: 1, record: b }])[0]!;
const base = { name: '王丽华', birth_date: '1966-09-30', sex: '2' };

describe('the MPI default model (docs/mpi.md table)', () => {
  it('is a valid saved model: m and u are probabilities summing to one per field', () => {
    const parsed = parseModel(serialiseModel(DEFAULT_MPI_MODEL));
    expect(parsed.ok).toBe(true);
    for (const c of DEFAULT_MPI_MODEL.comparisons) {
      expect(c.m.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
      expect(c.u.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
    }
  });

  it('sends name + birth date + sex alone to review, and links when the county agrees too', () => {
    expect(score(base, base)).toMatchObject({ decision: 'review' });
    expect(score(base, base).matchProbability).toBeCloseTo(0.7, 2);
    expect(score({ ...base, division_code: '500235' }, { ...base, division_code: '500235' })).toMatchObject({ decision: 'link' });
  });

  it('reviews homophones, links a traditional-character spelling with the same mobile, keeps different ID numbers apart', () => {
    expect(score({ ...base, name: '王莉华', division_code: '500235' }, { ...base, division_code: '500235' }).decision).toBe('review');
    expect(score({ ...base, name: '王麗華', phone: '13900001111' }, { ...base, phone: '139 0000 1111' }).decision).toBe('link');
    const a = makeResidentId('500235', '1966-09-30', 34, 2);
    const b = makeResidentId('500101', '1966-09-30', 77, 2);
    expect(score({ ...base, resident_id: a }, { ...base, resident_id: b }).decision).toBe('non-link');
  });

  it('never links persons who share only a birth date and sex', () => {
    expect(score({ ...base, name: '核心甲', division_code: '500235' }, { ...base, name: '云阳乙', division_code: '500235' }).decision).toBe('non-link');
  });
});
