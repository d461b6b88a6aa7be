/**
 * Commands that touch the database open it as `serve` does (DATABASE_URL, else the PGlite folder under
 * ONCONET_DATA), bring it to the current schema, and act as the system for the network.
 */
import { join } from 'node:path';
import { loadAuditKey } from '@onconet/server/audit-key';
import { configFromEnv } from '@onconet/server/config';
import { createServices, type Services } from '@onconet/services';
import { migrate, openDatabase } from '@onconet/storage';

export interface OpenServices {
  readonly services: Services;
  readonly close: () => Promise<void>;
}

export async function openServices(): Promise<OpenServices> {
  const config = configFromEnv();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : join(config.dataDir, 'pglite') });
  try {
    await migrate(database);
    const services = createServices(database, { auditKey: loadAuditKey(config.auditKey, config.dataDir) });
    return { services, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
