import { backfillPersonRecords, rebuildBlockKeys } from '@onconet/storage';
import { systemActor } from '../context.ts';
import type { Services } from '../app-services.ts';
import type { NetworkMember } from './synthetic-persons.ts';

/**
 * Indexes the bulk-loaded demo persons (source records and blocking keys, set-based) and leaves the
 * demo registrar some review work: second reports of persons at the registrar's hub that agree on
 * name, birth date and sex but carry nothing else, which the model puts between the thresholds.
 */
export async function seedDemoMpi(services: Services, network: readonly NetworkMember[], hubCode: string, reviews: number): Promise<number> {
  const exec = (script: string) => services.database.exec(script);
  await backfillPersonRecords(exec);
  await rebuildBlockKeys(exec);
  const hub = network.find((i) => i.code === hubCode);
  if (!hub || reviews <= 0) return 0;
  const local = network.filter((i) => i.id === hub.id || i.parentId === hub.id).map((i) => i.id);
  const persons = await services.database.db.selectFrom('person').select(['id', 'name', 'sex', 'birth_date', 'registered_by']).where('registered_by', 'in', local).where('merged_into', 'is', null).orderBy('id').limit(reviews).execute();
  let queued = 0;
  for (const [n, p] of persons.entries()) {
    const actor = { ...systemActor(), institutionId: p.registered_by };
    const record = services.mpi.validate({ name: p.name, sex: p.sex, birthDate: p.birth_date, identifiers: [{ kind: 'outpatient', value: `DEMO-OP-${String(n + 1).padStart(4, '0')}` }] });
    const result = await services.mpi.register(actor, record, 'hospital');
    queued += result.reviewIds.length;
  }
  return queued;
}
