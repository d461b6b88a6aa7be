import { en } from './messages-en.ts';
import { zhCN, type MessageKey } from './messages-zh.ts';

export type { MessageKey } from './messages-zh.ts';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'onconet.lang';

/** Both dictionaries; `en` is typed `Record<MessageKey, string>`, so a missing English text does not compile. */
export const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { 'zh-CN': zhCN, en };

export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders a text expects, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[lang][key];
  if (!vars) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A key that exists in the dictionary, for codes that come from the server (error codes, roles). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** The stored choice, or zh-CN; storage may be missing or blocked (private mode), which is not an error. */
export function storedLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    const value = storage?.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}
