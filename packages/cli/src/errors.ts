/**
 * Bad input to the CLI: exit code 2 with the file, row and column named (DESIGN.md command-line contract).
 * Rows are 1-based data rows counted after the header; `row` is absent for file-level problems.
 */
export class CliInputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(
      [file, row === undefined ? undefined : `row ${row}`, column === undefined ? undefined : `column ${column}`]
        .filter(Boolean)
        .join(', ') + `: ${detail}`,
    );
    this.name = 'CliInputError';
  }
}

/** Wrong flags or values on the command line itself; also exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
