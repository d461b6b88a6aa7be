import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LANG_STORAGE_KEY, storedLang, translate, type Lang, type Translate } from './translate.ts';

interface I18n {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

const browserStorage = (): Storage | undefined => (typeof window === 'undefined' ? undefined : window.localStorage);

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang(browserStorage()));
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      browserStorage()?.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
