import { api } from '../../api/index.ts';
import type { Alliance, Division, Institution } from '../../api/types.ts';
import { useLoad } from '../../hooks/use-load.ts';

export interface NetworkData {
  readonly institutions: readonly Institution[];
  readonly alliances: readonly Alliance[];
  /** Empty when the server has no division list; the form then takes a typed code. */
  readonly divisions: readonly Division[];
}

/** Institutions (inactive included: the page filters), alliances, and divisions when offered. */
export function useNetworkData() {
  return useLoad<NetworkData>(async () => {
    const [institutions, alliances, divisions] = await Promise.all([
      api.institutions(true),
      api.alliances(),
      api.divisions().catch(() => ({ items: [] as Division[] })),
    ]);
    return { institutions: institutions.items, alliances: alliances.items, divisions: divisions.items };
  });
}
