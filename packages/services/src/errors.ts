import type { FieldError } from '@onconet/domain';

/**
 * The one catalogue of error codes and their HTTP status (CONVENTIONS.md "Errors").
 * Every interface maps an AppError the same way: problem+json over HTTP, an exit code in the CLI.
 */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  password_change_required: 403,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const validationError = (errors: readonly FieldError[]): AppError =>
  new AppError('validation', errors.map((e) => e.message).join('; '), errors);

/** Out-of-scope reads answer 404 exactly like missing rows, so nothing about their existence leaks. */
export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

/** Unknown thrown values become an internal AppError with the original kept as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const pgCode = (error as { code?: unknown } | null)?.code;
  if (pgCode === '23505') return new AppError('conflict', 'a record with the same unique value already exists', [], { cause: error });
  return new AppError('internal', 'internal error', [], { cause: error });
}
