import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/problem.ts';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Runs a loader on mount and on `reload()`; an answer that arrives after a newer request started
 * is dropped, so a slow first answer never overwrites a later one.
 */
export function useLoad<T>(loader: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const loaderRef = useRef(loader);
  useEffect(() => {
    loaderRef.current = loader;
  });

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    loaderRef.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ticket !== latest.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'internal', e instanceof Error ? e.message : String(e)));
        setLoading(false);
      },
    );
  }, [round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
