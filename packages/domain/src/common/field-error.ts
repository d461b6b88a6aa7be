/** A rule violation tied to one input field, so every interface can name the field (RFC 9457, CLI exit 2). */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FieldError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(field: string, code: string, message: string): Result<T> => ({
  ok: false,
  error: { field, code, message },
});
