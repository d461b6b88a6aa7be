import { INSTITUTION_TYPES, TIERS, type InstitutionType, type Tier } from '@onconet/domain/network/institution';
import type { Institution } from '../../api/types.ts';

export interface NetworkSummary {
  readonly tiers: readonly Tier[];
  /** Types that occur, in the domain's order. */
  readonly types: readonly InstitutionType[];
  /** counts[type][tierIndex]: active members of that type in that tier. */
  readonly counts: Readonly<Record<InstitutionType, readonly number[]>>;
  readonly active: number;
  readonly inactive: number;
}

/** Members by tier and type, counted from the list the server sent; inactive members are counted apart. */
export function summariseNetwork(institutions: readonly Institution[]): NetworkSummary {
  const counts = Object.fromEntries(INSTITUTION_TYPES.map((type) => [type, TIERS.map(() => 0)])) as Record<InstitutionType, number[]>;
  let active = 0;
  for (const institution of institutions) {
    if (!institution.active) continue;
    active += 1;
    const row = counts[institution.type];
    const tier = TIERS.indexOf(institution.tier);
    if (row !== undefined && tier >= 0) row[tier] = (row[tier] ?? 0) + 1;
  }
  const types = INSTITUTION_TYPES.filter((type) => counts[type].some((n) => n > 0));
  return { tiers: TIERS, types, counts, active, inactive: institutions.length - active };
}
