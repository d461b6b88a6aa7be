import { Alert } from 'antd';
import type { ApiError } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { describeError } from './server-errors.ts';

/** A failed request, headline in the user's language and the server's detail underneath. */
export function ErrorAlert({ error, testId }: { readonly error: ApiError | null; readonly testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return <Alert type="error" showIcon title={describeError(t, error)} description={error.detail} data-testid={testId} data-code={error.code} style={{ marginBottom: 16 }} />;
}
