import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, client, type Me } from '../api/index.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'signedIn';
/** Why the user is on the login page: they signed out, or the server ended the session (idle timeout). */
export type SignOutReason = 'signedOut' | 'expired' | null;

interface Session {
  readonly status: SessionStatus;
  readonly me: Me | null;
  readonly reason: SignOutReason;
  readonly signIn: (username: string, password: string) => Promise<Me>;
  readonly signOut: () => Promise<void>;
  readonly refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [reason, setReason] = useState<SignOutReason>(null);
  const meRef = useRef<Me | null>(null);
  useEffect(() => {
    meRef.current = me;
  }, [me]);

  const refresh = useCallback(async () => {
    try {
      const answer = await api.me();
      client.setCsrfToken(answer.csrfToken);
      setMe(answer.user);
      setStatus('signedIn');
    } catch {
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any 401 (idle timeout, revoked session) returns the app to the login page.
  useEffect(
    () =>
      client.onUnauthorized(() => {
        if (meRef.current !== null) setReason('expired');
        setMe(null);
        setStatus('anonymous');
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    client.setCsrfToken(answer.csrfToken);
    setMe(answer.user);
    setReason(null);
    setStatus('signedIn');
    return answer.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session may already be gone; the user is signed out either way.
    }
    client.setCsrfToken(null);
    setMe(null);
    setReason('signedOut');
    setStatus('anonymous');
  }, []);

  const value = useMemo<Session>(() => ({ status, me, reason, signIn, signOut, refresh }), [status, me, reason, signIn, signOut, refresh]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The signed-in user; only for components rendered behind the session guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
