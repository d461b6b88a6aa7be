import fc from 'fast-check';
import { INSTITUTION_TYPES, TIERS } from '@onconet/domain/network/institution';
import { describe, expect, it } from 'vitest';
import type { Institution } from '../../api/types.ts';
import { buildNetworkTree, countNodes, treeIds, type NetworkNode } from './build-tree.ts';
import { summariseNetwork } from './network-summary.ts';

const inst = (id: number, parentId: number | null, tier: Institution['tier'], extra: Partial<Institution> = {}): Institution => ({
  id,
  code: `I${String(id).padStart(3, '0')}`,
  nameZh: `机构${id}`,
  nameEn: `Institution ${id}`,
  tier,
  type: tier === 'core' ? 'cancer_hospital' : tier === 'hub' ? 'county_tumour_hospital' : 'township_health_centre',
  parentId,
  divisionCode: '500235',
  active: true,
  alliances: [],
  ...extra,
});

const network: Institution[] = [
  inst(5, 2, 'primary'),
  inst(1, null, 'core'),
  inst(3, 1, 'hub', { nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang County Tumour Hospital' }),
  inst(2, 1, 'hub'),
  inst(4, 3, 'primary', { nameZh: '云阳县人和街道社区卫生服务中心' }),
  inst(6, 3, 'primary', { active: false }),
];

const shape = (nodes: readonly NetworkNode[]): unknown => nodes.map((n) => [n.institution.id, shape(n.children)]);

describe('buildNetworkTree', () => {
  it('hangs hubs under the core and primaries under their hub, sorted by tier and code', () => {
    expect(shape(buildNetworkTree(network))).toEqual([[1, [[2, [[5, []]]], [3, [[4, []], [6, []]]]]]]);
  });

  it('hides inactive institutions unless asked', () => {
    expect(treeIds(buildNetworkTree(network, { includeInactive: false })).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the path to a text match and drops unrelated branches', () => {
    expect(shape(buildNetworkTree(network, { includeInactive: true, text: '人和' }))).toEqual([[1, [[3, [[4, []]]]]]]);
    expect(shape(buildNetworkTree(network, { includeInactive: true, text: 'yunyang' }))).toEqual([[1, [[3, [[4, []], [6, []]]]]]]);
  });

  it('filters by tier', () => {
    expect(treeIds(buildNetworkTree(network, { includeInactive: true, tier: 'hub' })).sort()).toEqual([1, 2, 3]);
  });

  it('turns institutions whose parent is missing into roots and survives parent cycles', () => {
    const odd = [inst(10, 99, 'hub'), inst(11, 12, 'primary'), inst(12, 11, 'primary'), inst(13, 13, 'hub')];
    const tree = buildNetworkTree(odd);
    expect(treeIds(tree).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
  });

  it('places every shown institution exactly once, whatever the parent links', () => {
    const arbitrary = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 30 }).chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({ parent: fc.option(fc.integer({ min: 1, max: 45 })), tier: fc.constantFrom(...TIERS), active: fc.boolean() }).map(({ parent, tier, active }) => inst(id, parent, tier, { active })),
        ),
      ),
    );
    fc.assert(
      fc.property(arbitrary, fc.boolean(), (list, includeInactive) => {
        const ids = treeIds(buildNetworkTree(list, { includeInactive }));
        const expected = list.filter((i) => includeInactive || i.active).map((i) => i.id);
        expect(ids.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

describe('summariseNetwork', () => {
  it('counts active members by type and tier, inactive apart', () => {
    const summary = summariseNetwork(network);
    expect(summary.active).toBe(5);
    expect(summary.inactive).toBe(1);
    expect(summary.types).toEqual(['cancer_hospital', 'county_tumour_hospital', 'township_health_centre']);
    expect(summary.counts.county_tumour_hospital).toEqual([0, 2, 0]);
    expect(summary.counts.township_health_centre).toEqual([0, 0, 2]);
    expect(countNodes(buildNetworkTree(network))).toBe(6);
  });

  it('adds up to the number of active members', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ tier: fc.constantFrom(...TIERS), type: fc.constantFrom(...INSTITUTION_TYPES), active: fc.boolean() })), (rows) => {
        const list = rows.map((r, i) => inst(i + 1, null, r.tier, { type: r.type, active: r.active }));
        const summary = summariseNetwork(list);
        const total = Object.values(summary.counts).flat().reduce((a, b) => a + b, 0);
        expect(total).toBe(rows.filter((r) => r.active).length);
        expect(summary.active + summary.inactive).toBe(rows.length);
      }),
    );
  });
});
