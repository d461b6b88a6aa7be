import { message } from 'antd';
import { useCallback, useMemo } from 'react';
import { ApiError } from '../../api/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { describeError } from '../../forms/server-errors.ts';
import { useSession } from '../../session/session-context.tsx';
import type { Permission } from '@onconet/domain/access/roles';
import { screeningText } from './screening-text.ts';

/** What every screening page needs: the language, its texts, the user's permissions and a way to run an action. */
export function useScreening() {
  const { lang, t } = useI18n();
  const { me } = useSession();
  const tx = useMemo(() => screeningText(lang), [lang]);
  const can = useCallback((p: Permission) => me?.permissions.includes(p) ?? false, [me]);
  /** Runs a write; a failure is shown as a message in the user's language with the server's detail. */
  const act = useCallback(
    async <T>(run: () => Promise<T>, done?: string): Promise<T | undefined> => {
      try {
        const result = await run();
        if (done) void message.success(done);
        return result;
      } catch (error) {
        if (error instanceof ApiError) void message.error(`${describeError(t, error)}: ${error.detail}`);
        else void message.error(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
    [t],
  );
  return { lang, t, tx, can, act, me };
}
