import type { Command } from 'commander';
import { parseDate } from '@onconet/domain/common/dates';
import { CliUsageError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { checkRows, REQUIRED_COLUMNS, type CheckReport } from '../registry/check-file.ts';
import { exportFile, readPopulation } from '../registry/export-file.ts';
import { importFile, readInput } from '../registry/import-file.ts';
import { openRegistry } from '../registry/open-registry.ts';
import { CliInputError } from '../errors.ts';

export function registerRegistry(program: Command): void {
  const registry = program.command('registry').description('population-based cancer registry (登记)');
  registry
    .command('check <file>')
    .description('run every registry check (codes, IARC TR42 checks, dates, multiple primaries) on a CSV of tumours; never touches a database')
    .option('--format <format>', 'json or table', 'table')
    .option('--today <date>', 'the date future dates are judged against (default: today)')
    .option('--lang <lang>', 'message language of the table: en or zh', 'en')
    .action(async (file: string, options: { format?: string; today?: string; lang?: string }) => {
      let today = new Date().toISOString().slice(0, 10);
      if (options.today !== undefined) {
        const parsed = parseDate(options.today, '--today');
        if (!parsed.ok) throw new CliUsageError(parsed.error.message);
        today = parsed.value;
      }
      const report = await checkRows(file, readCsv(file, REQUIRED_COLUMNS), today);
      if (parseFormat(options.format) === 'json') {
        const records = report.records.map((r) => ({ ...r, results: r.results.map((x) => ({ rule: x.rule, severity: x.severity, message: x.message, message_zh: x.message_zh, fields: x.fields })) }));
        process.stdout.write(`${JSON.stringify({ records, summary: report.summary })}\n`);
      } else process.stdout.write(renderHuman(report, options.lang === 'zh'));
    });
  registry
    .command('import <file>')
    .description('import a notification (or --kind deaths: death-record) file, CSV (UTF-8 or GBK) or Excel .xlsx; all or nothing; the same file twice changes nothing')
    .requiredOption('--institution <code>', 'code of the importing institution (rows without an institution column are reported by it)')
    .option('--kind <kind>', 'notifications or deaths', 'notifications')
    .option('--format <format>', 'json or table', 'table')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (file: string, options: { institution: string; kind: string; format?: string; progress: boolean }) => {
      if (options.kind !== 'notifications' && options.kind !== 'deaths') throw new CliUsageError(`--kind: "${options.kind}" is not notifications or deaths`);
      const bytes = readInput(file);
      const open = await openRegistry(options.institution);
      try {
        const report = await importFile(open, file, bytes, options.kind, options.progress && parseFormat(options.format) !== 'json');
        if (parseFormat(options.format) === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          const summary = report.summary ? Object.entries(report.summary).map(([k, v]) => `${k} ${String(v)}`).join(', ') : '';
          process.stdout.write(`${file}: ${report.status.replace('_', ' ')}; ${report.rowsLoaded} of ${report.rowsTotal} rows registered${summary ? ` (${summary})` : ''}\n`);
          for (const w of report.warnings) process.stdout.write(`  note: ${w}\n`);
        }
        if (report.status === 'rejected') {
          for (const e of report.errors.slice(1)) process.stderr.write(`onconet: ${new CliInputError(file, e.message.replace(/^[a-z_]+: /, ''), e.row === 0 ? undefined : e.row, e.column).message}\n`);
          const first = report.errors[0];
          throw new CliInputError(file, `${first?.message.replace(/^[a-z_]+: /, '') ?? 'rejected'} (${report.errors.length} problem(s); nothing was imported)`, first && first.row > 0 ? first.row : undefined, first?.column);
        }
      } finally {
        await open.close();
      }
    });
  registry
    .command('export')
    .description('export the case listing (one row per tumour) or the CI5 table (registry, cancer, sex, age_group, cases, py) as CSV')
    .option('--layout <layout>', 'cases or ci5', 'cases')
    .option('--from <year>', 'first incidence year')
    .option('--to <year>', 'last incidence year')
    .option('--population <file>', 'CI5: person-years by sex and age group (columns sex, age_group, py)')
    .option('--registry <name>', 'CI5: the registry column', 'OncoNet')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(async (options: { layout: string; from?: string; to?: string; population?: string; registry: string; output?: string }) => {
      if (options.layout !== 'cases' && options.layout !== 'ci5') throw new CliUsageError(`--layout: "${options.layout}" is not cases or ci5`);
      const year = (flag: string, v: string | undefined) => {
        if (v === undefined) return undefined;
        if (!/^\d{4}$/.test(v)) throw new CliUsageError(`${flag}: "${v}" is not a year`);
        return Number(v);
      };
      const fromYear = year('--from', options.from);
      const toYear = year('--to', options.to);
      if (options.layout === 'ci5' && options.population === undefined) throw new CliUsageError('--population: the CI5 layout needs person-years (a CSV with sex, age_group, py)');
      const population = options.population === undefined ? undefined : await readPopulation(options.population);
      const open = await openRegistry(undefined);
      try {
        await exportFile(open, { layout: options.layout, output: options.output ?? null, registryName: options.registry, ...(fromYear === undefined ? {} : { fromYear }), ...(toYear === undefined ? {} : { toYear }), ...(population ? { population } : {}) });
      } finally {
        await open.close();
      }
    });
  registry
    .command('dco')
    .description('register as death-certificate-only every cancer death whose trace-back is still open after its due date')
    .action(async () => {
      const open = await openRegistry(undefined);
      try {
        const result = await open.registry.registerOverdueDco(open.actor);
        process.stdout.write(`${result.registered} DCO tumour(s) registered${result.skipped > 0 ? `, ${result.skipped} cause(s) could not be coded` : ''}\n`);
      } finally {
        await open.close();
      }
    });
}

function renderHuman(report: CheckReport, zh: boolean): string {
  const rows: Record<string, unknown>[] = [];
  for (const r of report.records) {
    for (const x of r.results) rows.push({ row: r.row, id: r.id, severity: x.severity, rule: x.rule, message: zh ? x.message_zh : x.message });
    if (r.multiple_primary.duplicate_of !== null) {
      rows.push({ row: r.row, id: r.id, severity: 'mp', rule: r.multiple_primary.rule, message: zh ? r.multiple_primary.explanation_zh : r.multiple_primary.explanation });
    }
  }
  const s = report.summary;
  const summary = zh
    ? `${s.records}条记录：${s.errors}个错误（${s.records_with_errors}条记录），${s.warnings}个警告（${s.records_with_warnings}条记录），${s.duplicates}个非新原发肿瘤\n`
    : `${s.records} records: ${s.errors} errors in ${s.records_with_errors} records, ${s.warnings} warnings in ${s.records_with_warnings} records, ${s.duplicates} not new primaries\n`;
  return (rows.length === 0 ? '' : renderTable(rows, ['row', 'id', 'severity', 'rule', 'message'])) + summary;
}
