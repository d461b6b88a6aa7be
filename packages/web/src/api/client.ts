import { ApiError, NETWORK_ERROR_CODE, problemFromResponse } from './problem.ts';

/** A progress line of a streamed import: the phase the server is in and the rows it has done. */
export interface ServerProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface ApiClientOptions {
  /** Injected in tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
  readonly baseUrl?: string;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A 401 from these means "wrong password", not "your session ended". */
const CREDENTIAL_PATHS = new Set(['/api/auth/login']);

/** `?a=1&b=x`, leaving out empty values so optional filters can be passed as they are. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The one way the web app talks to the server: the session cookie rides along (same origin),
 * writes carry the CSRF token of the session (double-submit, docs/api.md), and every failure
 * becomes an ApiError. A 401 outside sign-in tells the listeners so the app returns to the login page.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly unauthorizedListeners = new Set<(error: ApiError) => void>();
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  onUnauthorized(listener: (error: ApiError) => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (WRITES.has(method) && this.csrfToken !== null) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}${queryString(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (cause) {
      throw new ApiError(0, NETWORK_ERROR_CODE, cause instanceof Error ? cause.message : 'the server did not answer');
    }
    if (!response.ok) {
      const error = await problemFromResponse(response);
      if (error.status === 401 && !CREDENTIAL_PATHS.has(path)) {
        this.csrfToken = null;
        for (const listener of this.unauthorizedListeners) listener(error);
      }
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /**
   * Sends a file as the raw body (registry imports) with XMLHttpRequest, whose upload events give a real
   * progress bar; the session cookie and CSRF token ride along as for every write. With `onServerProgress` the
   * server answers NDJSON — `{phase, done, total}` lines as it works, then `{report}` or `{problem}` — read as it
   * arrives.
   */
  upload<T>(path: string, query: Query, file: Blob, onProgress: (fraction: number) => void, onServerProgress?: (line: ServerProgress) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.baseUrl}${path}${queryString(onServerProgress ? { ...query, progress: 'stream' } : query)}`);
      xhr.setRequestHeader('accept', onServerProgress ? 'application/x-ndjson' : 'application/json');
      xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
      if (this.csrfToken !== null) xhr.setRequestHeader('x-csrf-token', this.csrfToken);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      let seen = 0;
      const lines = (): unknown[] => {
        const complete = xhr.responseText.lastIndexOf('\n') + 1;
        const fresh = xhr.responseText.slice(seen, complete);
        seen = complete;
        return fresh.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
      };
      let last: unknown = null;
      const read = () => {
        for (const value of lines()) {
          last = value;
          if (onServerProgress && typeof value === 'object' && value !== null && 'phase' in value) onServerProgress(value as ServerProgress);
        }
      };
      xhr.onprogress = () => {
        if (onServerProgress && xhr.status === 200) read();
      };
      xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR_CODE, 'the server did not answer'));
      xhr.onload = () => {
        const fail = (status: number, body: string) => void problemFromResponse(new Response(body, { status, headers: { 'content-type': 'application/problem+json' } })).then(reject, reject);
        if (onServerProgress && xhr.status === 200) {
          read();
          const end = last as { report?: T; problem?: { status: number } } | null;
          if (end?.report !== undefined) resolve(end.report);
          else if (end?.problem) fail(end.problem.status, JSON.stringify(end.problem));
          else reject(new ApiError(0, NETWORK_ERROR_CODE, 'the import answer ended early'));
          return;
        }
        const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' } });
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
        else void problemFromResponse(response).then(reject, reject);
      };
      xhr.send(file);
    });
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
