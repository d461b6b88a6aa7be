/**
 * The registry's persons go through the master patient index (issue 3): this adapts `MpiService.register`
 * to the registry's PersonMatcher. The MPI records the reporting institution from the actor, so the actor is
 * presented as acting for the institution that reported the row (the audit row still names the user).
 */
import type { MpiService } from '../mpi/mpi-service.ts';
import { registerBatch } from '../mpi/register-batch.ts';
import type { PersonMatcher } from './person-matcher.ts';

export function mpiMatcher(mpi: MpiService): PersonMatcher {
  return {
    async register(actor, record, source, sourceRef, institutionId) {
      const result = await mpi.register({ ...actor, institutionId }, record, source, sourceRef);
      return { personId: result.personId, decision: result.match.decision, probability: result.match.personId === null ? null : result.match.probability, created: result.match.decision !== 'link' };
    },
    async registerBatch(tx, actor, reports, progress) {
      const model = await mpi.currentModel(tx);
      const { outcomes, audit } = await registerBatch(tx, model, actor, reports, { progress });
      return {
        outcomes: outcomes.map((o) => (o.ok ? { ok: true as const, value: { personId: o.value.personId, decision: o.value.decision, probability: o.value.matchedPersonId === null ? null : o.value.probability, created: o.value.decision !== 'link' } } : o)),
        audit,
      };
    },
  };
}
