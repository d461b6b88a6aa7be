import { describe, expect, it } from 'vitest';
import { chunksByPerson, type MatchedNotification } from './consolidation.ts';

const item = (row: number, personId: number) => ({ row, personId }) as unknown as MatchedNotification;

describe('chunksByPerson', () => {
  it('keeps each person in one chunk, in order of first appearance, each chunk about the size asked', () => {
    const items = [item(1, 7), item(2, 3), item(3, 7), item(4, 9), item(5, 3), item(6, 1), item(7, 7), item(8, 2)];
    const chunks = chunksByPerson(items, 3);
    expect(chunks.map((c) => c.map((i) => i.row))).toEqual([[1, 3, 7], [2, 5, 4], [6, 8]]);
    // Nothing lost or repeated, and a person's notifications keep their file order.
    expect(chunks.flat().map((i) => i.row).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const owner = new Map<number, Set<number>>();
    chunks.forEach((c, k) => c.forEach((i) => owner.set(i.personId, (owner.get(i.personId) ?? new Set()).add(k))));
    expect([...owner.values()].every((k) => k.size === 1)).toBe(true);
  });

  it('gives a person with more notifications than the size a chunk of its own', () => {
    const items = [item(1, 1), item(2, 2), item(3, 2), item(4, 2), item(5, 3)];
    expect(chunksByPerson(items, 2).map((c) => c.map((i) => i.row))).toEqual([[1], [2, 3, 4], [5]]);
    expect(chunksByPerson([], 2)).toEqual([]);
  });
});
