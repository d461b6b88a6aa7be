/**
 * How the registry reaches the master patient index. Every person of a notification or a death record is
 * matched and registered by the MPI (issue 3) — the registry has no matcher of its own; this interface only
 * says which call it makes, so the registry can be tested and wired against the real service.
 */
import type { PersonRecord } from '@onconet/domain';
import type { Actor } from '../context.ts';

export type RegistrySource = 'notification' | 'death';

export interface PersonMatch {
  readonly personId: number;
  /** The MPI's decision: 'link' (joined a known person), 'review' (provisional person, pairs queued), 'non-link' (new person). */
  readonly decision: string;
  readonly probability: number | null;
}

export interface PersonMatcher {
  /** Registers one report of a person from `institutionId` (the reporting institution) and says who it is. */
  register(actor: Actor, record: PersonRecord, source: RegistrySource, sourceRef: string, institutionId: number): Promise<PersonMatch>;
}
