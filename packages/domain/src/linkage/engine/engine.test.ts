import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../people/resident-id.ts';
import { averageLinkage } from '../cluster/average-linkage.ts';
import { clusterLinks } from '../cluster/cluster-links.ts';
import { buildDataset } from '../dataset/dataset.ts';
import { parseModel, serialiseModel } from '../model/serialise.ts';
import { linkDataset } from './link-dataset.ts';
import { scoreCandidates } from './score-candidates.ts';

const fields = [
  { column: 'name', type: 'full_name' as const },
  { column: 'dob', type: 'birth_date' as const },
  { column: 'id', type: 'resident_id' as const },
];

/** 400 distinct people and a traditional/homophone duplicate of every fourth one. */
function people(): string[][] {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '欧阳'];
  const given = ['伟', '丽', '国华', '娜', '明', '秀英', '建国', '敏'];
  const rows: string[][] = [];
  for (let k = 0; k < 400; k++) {
    const name = (surnames[k % 7] ?? '') + (given[(k * 3) % 8] ?? '') + (k % 5 === 0 ? '' : (given[(k * 7) % 8] ?? ''));
    const dob = `19${40 + (k % 50)}-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 27) + 1).padStart(2, '0')}`;
    rows.push([name, dob, makeResidentId('500103', dob, k % 100, k % 2 === 0 ? 1 : 2)]);
  }
  for (let k = 0; k < 400; k += 4) {
    const [name, dob, id] = rows[k] ?? [];
    rows.push([(name ?? '').replace('丽', '莉').replace('国', '國').replace('张', '張'), dob ?? '', k % 8 === 0 ? (id ?? '') : '']);
  }
  return rows;
}

describe('batch linkage in one thread', () => {
  it('finds the duplicates without labels, saves the model and scores one record against candidates', () => {
    const rows = people();
    const dataset = buildDataset(fields, rows);
    const result = linkDataset(dataset);
    const links = new Set<string>();
    result.pairs.weight.forEach((w, p) => {
      if (w > 3) links.add(`${Math.min(result.pairs.left[p] ?? 0, result.pairs.right[p] ?? 0)}-${Math.max(result.pairs.left[p] ?? 0, result.pairs.right[p] ?? 0)}`);
    });
    let found = 0;
    for (let k = 0; k < 100; k++) if (links.has(`${k * 4}-${400 + k}`)) found++;
    expect(found).toBeGreaterThanOrEqual(95);
    const reloaded = parseModel(serialiseModel(result.model));
    expect(reloaded.ok).toBe(true);
    if (!reloaded.ok) return;
    const record = { name: rows[8]?.[0], dob: rows[8]?.[1], id: rows[8]?.[2] };
    const scored = scoreCandidates(reloaded.value, record, [
      { id: 'other', record: { name: rows[9]?.[0], dob: rows[9]?.[1], id: rows[9]?.[2] } },
      { id: 'same', record: { name: rows[402]?.[0], dob: rows[402]?.[1], id: rows[402]?.[2] } },
    ]);
    expect(scored[0]?.id).toBe('same');
    expect(scored[0]?.decision).toBe('link');
    expect(scored[1]?.decision).toBe('non-link');
    expect(scored[0]?.explanation.fields.map((f) => f.column)).toEqual(['name', 'dob', 'id']);
    const sum = (scored[0]?.explanation.priorWeight ?? 0) + (scored[0]?.explanation.fields ?? []).reduce((a, f) => a + f.weight + f.termFrequencyAdjustment, 0);
    expect(sum).toBeCloseTo(scored[0]?.matchWeight ?? NaN, 9);
  });
});

describe('clustering resists chaining', () => {
  it('does not glue two tight groups through one member weakly tied to both', () => {
    // Records 0–3 and 5–8 are two tight groups; record 4 has a strong link to 3 and to 5 only.
    const inGroup = (a: number, b: number): boolean => (a <= 3 && b <= 3) || (a >= 5 && b >= 5);
    const p = (a: number, b: number): number => (inGroup(a, b) ? 0.99 : (a === 4 && (b === 3 || b === 5)) || (b === 4 && (a === 3 || a === 5)) ? 0.95 : 0.01);
    const edges: [number, number][] = [];
    for (let a = 0; a < 9; a++) for (let b = a + 1; b < 9; b++) if (p(a, b) >= 0.9) edges.push([a, b]);
    const links = { left: Int32Array.from(edges, (e) => e[0]), right: Int32Array.from(edges, (e) => e[1]), probability: Float64Array.from(edges, (e) => p(e[0], e[1])) };
    const cluster = clusterLinks(9, links, p, { linkThreshold: 0.9 });
    expect(new Set([0, 1, 2, 3].map((i) => cluster[i])).size).toBe(1);
    expect(new Set([5, 6, 7, 8].map((i) => cluster[i])).size).toBe(1);
    expect(cluster[0]).not.toBe(cluster[5]);
  });

  it('keeps a genuine group whole even when one pair in it is weak', () => {
    const labels = averageLinkage(3, (a, b) => (a + b === 2 ? 0.3 : 0.99));
    expect(new Set(labels).size).toBe(1);
  });
});
