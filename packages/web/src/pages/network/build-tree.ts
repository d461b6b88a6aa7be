import { INSTITUTION_TYPES, TIERS, type Tier } from '@onconet/domain/network/institution';
import type { Institution } from '../../api/types.ts';

export interface NetworkNode {
  readonly institution: Institution;
  readonly children: readonly NetworkNode[];
}

export interface TreeFilter {
  /** Show deactivated institutions (greyed) too. */
  readonly includeInactive: boolean;
  /** Matched against code and both names, case-insensitively; ancestors of a match stay as its path. */
  readonly text?: string;
  readonly tier?: Tier | null;
}

const tierRank = (tier: Tier) => TIERS.indexOf(tier);
const typeRank = (node: NetworkNode) => INSTITUTION_TYPES.indexOf(node.institution.type);
/** Siblings by tier, then type (county hospitals together, then offices, bases…), then code. */
const byTierThenCode = (a: NetworkNode, b: NetworkNode) =>
  tierRank(a.institution.tier) - tierRank(b.institution.tier) || typeRank(a) - typeRank(b) || a.institution.code.localeCompare(b.institution.code);

/**
 * The network as a tree: core → hubs → primary institutions, by `parentId` (docs/api.md sends a
 * flat list). An institution whose parent is absent from the list (hidden, or outside what the
 * server sent) becomes a root rather than disappearing; a parent cycle cannot loop forever because
 * each institution is placed once.
 */
export function buildNetworkTree(institutions: readonly Institution[], filter: TreeFilter = { includeInactive: true }): NetworkNode[] {
  const shown = institutions.filter((i) => filter.includeInactive || i.active);
  const ids = new Set(shown.map((i) => i.id));
  const childrenOf = new Map<number | null, Institution[]>();
  for (const institution of shown) {
    const parent = institution.parentId !== null && ids.has(institution.parentId) && institution.parentId !== institution.id ? institution.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), institution]);
  }
  const placed = new Set<number>();
  const build = (institution: Institution): NetworkNode => {
    placed.add(institution.id);
    const children = (childrenOf.get(institution.id) ?? []).filter((c) => !placed.has(c.id)).map(build);
    return { institution, children: children.sort(byTierThenCode) };
  };
  const roots = (childrenOf.get(null) ?? []).map(build);
  // Members of a parent cycle have no root; show them at the top rather than lose them.
  for (const institution of shown) if (!placed.has(institution.id)) roots.push(build(institution));
  roots.sort(byTierThenCode);
  return pruneTree(roots, filter);
}

const textMatches = (institution: Institution, text: string) =>
  text === '' || [institution.code, institution.nameZh, institution.nameEn].some((v) => v.toLowerCase().includes(text));

/**
 * Keeps matching nodes and the path to them. A text match keeps its descendants (searching a hub
 * shows its clinics); the tier filter applies to every node.
 */
function pruneTree(nodes: readonly NetworkNode[], filter: TreeFilter, ancestorMatched = false): NetworkNode[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  if (text === '' && !filter.tier) return [...nodes];
  return nodes.flatMap((node) => {
    const textOk = ancestorMatched || textMatches(node.institution, text);
    const children = pruneTree(node.children, filter, textOk && text !== '');
    const tierOk = !filter.tier || node.institution.tier === filter.tier;
    return (textOk && tierOk) || children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** Every institution id in the tree (to expand all nodes after filtering). */
export function treeIds(nodes: readonly NetworkNode[]): number[] {
  return nodes.flatMap((n) => [n.institution.id, ...treeIds(n.children)]);
}

export function countNodes(nodes: readonly NetworkNode[]): number {
  return treeIds(nodes).length;
}
