import { Result } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** A page the user's permissions do not allow (reached by typing its address). */
export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.body')} data-testid="forbidden" />;
}
