/**
 * Data scopes of the foundation issue. A scope is resolved once, at sign-in, into the concrete
 * institution ids (and residence division) that the storage layer puts inside its WHERE clause.
 */
export const SCOPE_KINDS = ['institution', 'hub', 'region', 'network', 'aggregate'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type ResolvedScope =
  | { readonly kind: 'network' }
  | { readonly kind: 'aggregate' }
  | {
      readonly kind: 'institutions';
      /** Institutions whose records the user may see. */
      readonly institutionIds: readonly number[];
      /** For a region scope: persons residing in this GB/T 2260 division (prefix) are visible too. */
      readonly divisionPrefix: string | null;
    };

export interface ScopeNode {
  readonly id: number;
  readonly parentId: number | null;
  readonly divisionCode: string;
}

/** The significant prefix of a division code: 500000 → "50", 500100 → "5001", 500235 → "500235". */
export function divisionPrefix(code: string): string {
  const six = code.slice(0, 6);
  if (code.length > 6) return code;
  if (six.endsWith('0000')) return six.slice(0, 2);
  if (six.endsWith('00')) return six.slice(0, 4);
  return six;
}

export function isWithinDivision(code: string, region: string): boolean {
  return code.startsWith(divisionPrefix(region));
}

export function resolveScope(
  kind: ScopeKind,
  user: { readonly institutionId: number; readonly regionCode: string | null },
  network: readonly ScopeNode[],
): ResolvedScope {
  switch (kind) {
    case 'network':
      return { kind: 'network' };
    case 'aggregate':
      return { kind: 'aggregate' };
    case 'institution':
      return { kind: 'institutions', institutionIds: [user.institutionId], divisionPrefix: null };
    case 'hub': {
      // A hub and every institution under it, at any depth (a hub's prevention office may have clinics).
      const ids = new Set([user.institutionId]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const node of network) {
          if (node.parentId !== null && ids.has(node.parentId) && !ids.has(node.id)) {
            ids.add(node.id);
            grew = true;
          }
        }
      }
      return { kind: 'institutions', institutionIds: [...ids].sort((a, b) => a - b), divisionPrefix: null };
    }
    case 'region': {
      const region = user.regionCode ?? network.find((n) => n.id === user.institutionId)?.divisionCode ?? '';
      const ids = network.filter((n) => isWithinDivision(n.divisionCode, region)).map((n) => n.id);
      return { kind: 'institutions', institutionIds: ids, divisionPrefix: divisionPrefix(region) };
    }
  }
}

/** Whether a scope lets its holder see any personal data at all. */
export function seesPersons(scope: ResolvedScope): boolean {
  return scope.kind !== 'aggregate';
}
