import { join } from 'node:path';
import { createServices, type Services } from '@onconet/services';
import { DEMO_PASSWORD, DEMO_USERS } from '@onconet/services/demo/demo-users';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { migrate, openDatabase } from '@onconet/storage';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadAuditKey } from './audit-key.ts';
import type { ServerConfig } from './config.ts';

export interface Running {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, loads the demo network when asked and the database is empty, and listens. */
export async function startServer(config: ServerConfig, options: { demo: boolean; print?: (line: string) => void }): Promise<Running> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : join(config.dataDir, 'pglite') });
  await migrate(database);
  const services = createServices(database, { auditKey: loadAuditKey(config.auditKey, config.dataDir), sessionIdleMinutes: config.sessionIdleMinutes, passwordProfile: config.passwordProfile });
  if (options.demo) {
    const seeded = await seedDemo(services, { persons: config.demoPersons, onProgress: (line) => print(line) });
    if (seeded) print(`demo network loaded: ${seeded.institutions} institutions, ${seeded.persons} persons`);
  }
  const app = await buildApp({ services, logger: { level: config.logLevel }, secureCookies: config.secureCookies });
  const address = await app.listen({ port: config.port, host: config.host });
  print(`OncoNet listening on ${address} (database: ${database.kind}${config.databaseUrl ? '' : `, data folder ${config.dataDir}`})`);
  if (options.demo) {
    print(`demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) print(`  ${user.username.padEnd(10)} ${user.role.padEnd(22)} ${user.displayName}`);
  }
  return {
    app,
    services,
    url: address,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
