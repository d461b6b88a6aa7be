import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditFilter, currentBefore, FIRST_PAGE, pageNumber, paging, type PagingAction } from './audit-query.ts';

describe('auditFilter', () => {
  it('keeps the filled filters and the page cursor', () => {
    expect(auditFilter({ userId: 3, personId: ' 42 ', action: ' person. ', from: '2026-01-01T00:00:00.000Z', to: null }, 900)).toEqual({
      userId: 3,
      personId: 42,
      action: 'person.',
      from: '2026-01-01T00:00:00.000Z',
      before: 900,
      limit: 50,
    });
  });

  it('drops empty values and ids that are not positive integers', () => {
    expect(auditFilter({ userId: null, personId: 'abc', institutionId: 0, action: '  ' })).toEqual({ limit: 50 });
    expect(auditFilter({ personId: '1.5' })).toEqual({ limit: 50 });
  });
});

describe('paging', () => {
  it('goes forward with nextBefore and back to the exact previous cursor', () => {
    let state = paging(FIRST_PAGE, { kind: 'next', before: 500 });
    state = paging(state, { kind: 'next', before: 450 });
    expect(currentBefore(state)).toBe(450);
    expect(pageNumber(state)).toBe(3);
    state = paging(state, { kind: 'previous' });
    expect(currentBefore(state)).toBe(500);
    state = paging(paging(state, { kind: 'previous' }), { kind: 'previous' });
    expect(currentBefore(state)).toBeUndefined();
    expect(pageNumber(state)).toBe(1);
    expect(paging(state, { kind: 'reset' })).toBe(FIRST_PAGE);
  });

  it('never loses the first page, whatever the sequence of moves', () => {
    const move = fc.oneof(
      fc.constant<PagingAction>({ kind: 'previous' }),
      fc.constant<PagingAction>({ kind: 'reset' }),
      fc.integer({ min: 1, max: 1e6 }).map((before): PagingAction => ({ kind: 'next', before })),
    );
    fc.assert(
      fc.property(fc.array(move), (moves) => {
        const state = moves.reduce(paging, FIRST_PAGE);
        expect(state.stack[0]).toBeUndefined();
        expect(pageNumber(state)).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
