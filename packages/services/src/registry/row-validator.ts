/**
 * Validation of a notification file's rows, one at a time, remembering every error and each row's key (a key used
 * twice in the file is an error), handed on a chunk at a time — on the import's thread or on the validation
 * worker's (validated-file.ts).
 */
import { parseNotificationRow, type NotificationRow } from '@onconet/domain/registry/import/notification-row';
import type { RowError } from '@onconet/domain/registry/import/row-error';
import type { TableRow } from './read-table.ts';

export interface ValidRow {
  readonly row: number;
  readonly institutionId: number;
  readonly parsed: NotificationRow;
  readonly received: Readonly<Record<string, string>>;
}

export interface ValidatorSettings {
  readonly today: string;
  /** The institution a row without an institution code is reported by (the importing one, in scope). */
  readonly importingInstitution: number;
  /** Institution codes of the network and their ids. */
  readonly codes: ReadonlyArray<readonly [string, number]>;
  /** Ids of the institutions in the importing user's data scope. */
  readonly inScope: readonly number[];
}

export function rowValidator(settings: ValidatorSettings) {
  const codes = new Map(settings.codes);
  const inScope = new Set(settings.inScope);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const check = (row: number, values: Readonly<Record<string, string>>): ValidRow | null => {
    const result = parseNotificationRow(values, row, settings.today);
    if (!result.ok) {
      errors.push(...result.errors);
      return null;
    }
    const code = result.value.institutionCode;
    const institutionId = code === null ? settings.importingInstitution : codes.get(code);
    if (institutionId === undefined) {
      errors.push({ row, column: 'institution', code: 'institution.unknown', message: `institution: "${code}" is not an institution code of the network`, messageZh: `机构代码“${code}”不存在` });
      return null;
    }
    if (!inScope.has(institutionId)) {
      errors.push({ row, column: 'institution', code: 'institution.scope', message: `institution: "${code}" is outside your data scope`, messageZh: `机构“${code}”不在您的数据范围内` });
      return null;
    }
    const key = `${institutionId}|${result.value.kind}|${result.value.sourceRef}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: 'source_ref', code: 'duplicate', message: `source_ref: "${result.value.sourceRef}" is already used on row ${first}`, messageZh: `报告编号“${result.value.sourceRef}”与第${first}行重复` });
      return null;
    }
    seen.set(key, row);
    return { row, institutionId, parsed: result.value, received: values };
  };
  return { errors, check };
}

export interface ValidatedChunk {
  /** Rows of the file this chunk covers (valid or not). */
  readonly rowsRead: number;
  /** Its valid rows; none once a row of the file has failed (nothing more is registered then). */
  readonly valid: readonly ValidRow[];
  /** Errors of its rows. */
  readonly errors: readonly RowError[];
}

export async function* validatedChunks(rows: AsyncIterable<TableRow>, settings: ValidatorSettings, chunkRows: number): AsyncGenerator<ValidatedChunk> {
  const validator = rowValidator(settings);
  let valid: ValidRow[] = [];
  let rowsRead = 0;
  let reported = 0;
  const chunk = (): ValidatedChunk => {
    const done = { rowsRead, valid, errors: validator.errors.slice(reported) };
    reported = validator.errors.length;
    valid = [];
    rowsRead = 0;
    return done;
  };
  for await (const { row, values } of rows) {
    rowsRead += 1;
    const checked = validator.check(row, values);
    if (checked !== null && validator.errors.length === 0) valid.push(checked);
    if (rowsRead === chunkRows) yield chunk();
  }
  if (rowsRead > 0) yield chunk();
}
