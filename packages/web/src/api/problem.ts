/** One field named by a validation problem (docs/api.md): `field` is a path such as `residentId` or `identifiers/0/value`. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An answer that was not a success, as a typed error. RFC 9457 problem+json bodies give `code`,
 * `detail` and `errors`; anything else (an HTML error page from a proxy, a dropped connection)
 * still becomes an ApiError so callers handle one type.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: readonly FieldProblem[] = [],
    readonly title: string = code,
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** The problems named for one field (`body/` and `body.` prefixes ignored). */
  forField(field: string): readonly FieldProblem[] {
    return this.fieldErrors.filter((e) => normaliseField(e.field) === field);
  }
}

/** Status 0: the request never got an answer. */
export const NETWORK_ERROR_CODE = 'network';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  423: 'locked',
  429: 'rate_limited',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `body/residentId`, `body.sex`, `/identifiers/0/value` → `residentId`, `sex`, `identifiers/0/value`. */
export function normaliseField(field: string): string {
  return field.replace(/^\//, '').replace(/^body([./]|$)/, '').replace(/\./g, '/');
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!isRecord(item)) return [];
    const field = str(item.field);
    if (field === null) return [];
    return [{ field: normaliseField(field), code: str(item.code) ?? 'invalid', message: str(item.message) ?? '' }];
  });
}

/** Builds the typed error from a status and whatever body came with it (parsed JSON, text, or nothing). */
export function parseProblem(status: number, body: unknown): ApiError {
  const fallbackCode = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : `http_${status}`);
  if (!isRecord(body)) return new ApiError(status, fallbackCode, typeof body === 'string' && body.trim() !== '' ? body.slice(0, 300) : `HTTP ${status}`);
  const code = str(body.code) ?? fallbackCode;
  const detail = str(body.detail) ?? str(body.title) ?? `HTTP ${status}`;
  return new ApiError(status, code, detail, fieldProblems(body.errors), str(body.title) ?? code);
}

/** Reads a failed Response: problem+json or JSON bodies are parsed, other bodies kept as text. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  const type = response.headers.get('content-type') ?? '';
  if (/json/.test(type) && text !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return parseProblem(response.status, body);
}
