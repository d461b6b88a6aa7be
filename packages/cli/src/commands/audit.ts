import type { Command } from 'commander';
import { loadAuditKey } from '@onconet/server/audit-key';
import { configFromEnv } from '@onconet/server/config';
import { createServices } from '@onconet/services';
import { openDatabase } from '@onconet/storage';
import { join } from 'node:path';
import { parseFormat } from '../io/output.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain and report every edited, inserted or deleted row (exit 1 when the chain is broken)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { format?: string }) => {
      const config = configFromEnv();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : join(config.dataDir, 'pglite') });
      try {
        const services = createServices(database, { auditKey: loadAuditKey(config.auditKey, config.dataDir) });
        const result = await services.auditLog.verify();
        if (parseFormat(options.format) === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          process.stdout.write(`${result.checked} audit rows checked: ${result.ok ? 'the chain is intact' : `${result.problems.length} problem(s)`}\n`);
          for (const p of result.problems) process.stdout.write(`  seq ${p.seq}: ${describe(p.kind)}\n`);
        }
        if (!result.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}

function describe(kind: string): string {
  switch (kind) {
    case 'gap':
      return 'rows missing before this one (deleted)';
    case 'link':
      return 'does not follow from the previous row (inserted or deleted row)';
    case 'hash':
      return 'content does not match its hash (edited)';
    case 'head':
      return 'the chain head does not match the last row (tail deleted)';
    default:
      return kind;
  }
}
