/**
 * The registry commands that touch the database open it like `serve` does (DATABASE_URL or the PGlite folder)
 * and act as the system for one institution of the network, named by its code (`--institution`).
 */
import { systemActor, type Actor } from '@onconet/services';
import { mpiMatcher } from '@onconet/services/registry/mpi-matcher';
import { RegistryService } from '@onconet/services/registry/registry-service';
import { CliUsageError } from '../errors.ts';
import { openServices } from '../io/open-services.ts';

export interface OpenRegistry {
  readonly registry: RegistryService;
  readonly actor: Actor;
  close(): Promise<void>;
}

export async function openRegistry(institutionCode: string | undefined): Promise<OpenRegistry> {
  const { services, close } = await openServices();
  const database = services.database;
  try {
    let institutionId = 0;
    if (institutionCode !== undefined) {
      const row = await database.db.selectFrom('institution').select('id').where('code', '=', institutionCode).executeTakeFirst();
      if (!row) throw new CliUsageError(`--institution: "${institutionCode}" is not an institution code of the network`);
      institutionId = row.id;
    }
    const system = systemActor();
    const actor: Actor = { ...system, institutionId, permissions: new Set([...system.permissions, 'registry.read', 'registry.write']) };
    const registry = new RegistryService(database.db, services.audit, services.clock, mpiMatcher(services.mpi), { bulkTransaction: database.bulkTransaction });
    return { registry, actor, close };
  } catch (error) {
    await close();
    throw error;
  }
}
