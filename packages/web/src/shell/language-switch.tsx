import { Segmented } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { isLang } from '../i18n/translate.ts';

/** 中文 / English; the choice is stored in localStorage by the i18n provider. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented
      size="small"
      data-testid="language-switch"
      aria-label={t('shell.language')}
      value={lang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => {
        if (isLang(value)) setLang(value);
      }}
    />
  );
}
