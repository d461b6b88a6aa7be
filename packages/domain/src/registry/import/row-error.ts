/** A problem with one cell of an import file: the validation report names the row and the column. */
export interface RowError {
  /** 1-based data row (the header is row 0). */
  readonly row: number;
  readonly column: string;
  readonly code: string;
  readonly message: string;
  readonly messageZh?: string;
}

export const blank = (v: string | null | undefined): v is null | undefined | '' => v === null || v === undefined || v.trim() === '';

/** A trimmed cell, or null when empty or absent. */
export function cell(values: Readonly<Record<string, string | undefined>>, column: string): string | null {
  const v = values[column];
  return blank(v) ? null : v.trim();
}

const PERSON_COLUMNS: Readonly<Record<string, string>> = { birthDate: 'birth_date', residentId: 'resident_id', divisionCode: 'division_code', deathDate: 'death_date' };

/** validatePerson names fields in camelCase; the file's columns are snake_case. */
export const personColumn = (field: string): string => PERSON_COLUMNS[field] ?? field;
