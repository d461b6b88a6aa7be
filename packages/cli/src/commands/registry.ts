import type { Command } from 'commander';
import { parseDate } from '@onconet/domain/common/dates';
import { CliUsageError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';
import { parseFormat, renderTable } from '../io/output.ts';
import { checkRows, REQUIRED_COLUMNS, type CheckReport } from '../registry/check-file.ts';

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
