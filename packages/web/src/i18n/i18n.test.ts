import { describe, expect, it } from 'vitest';
import { en } from './messages-en.ts';
import { zhCN } from './messages-zh.ts';
import { DICTIONARIES, isLang, isMessageKey, LANG_STORAGE_KEY, LANGS, placeholdersOf, storedLang, translate } from './translate.ts';

const HAN = /\p{Script=Han}/u;

describe('dictionaries', () => {
  it('have exactly the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const lang of LANGS) expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('have no empty text', () => {
    for (const lang of LANGS) for (const [key, text] of Object.entries(DICTIONARIES[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as Array<keyof typeof zhCN>) expect(placeholdersOf(en[key]), key).toEqual(placeholdersOf(zhCN[key]));
  });

  it('are really translated: English has no Chinese characters, Chinese has some (or equals the English term)', () => {
    for (const [key, text] of Object.entries(en)) expect(HAN.test(text), `en ${key}`).toBe(false);
    for (const key of Object.keys(zhCN) as Array<keyof typeof zhCN>) expect(HAN.test(zhCN[key]) || zhCN[key] === en[key], `zh ${key}`).toBe(true);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'audit.page', { n: 3 })).toBe('第 3 页');
    expect(translate('en', 'audit.page', { n: 3 })).toBe('Page 3');
    expect(translate('en', 'audit.page', {})).toBe('Page {n}');
    expect(translate('en', 'audit.page')).toBe('Page {n}');
  });

  it('recognises keys built from server codes', () => {
    expect(isMessageKey('error.locked')).toBe(true);
    expect(isMessageKey('error.nonsense')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('storedLang', () => {
  it('defaults to zh-CN and returns a stored valid choice', () => {
    expect(storedLang(undefined)).toBe('zh-CN');
    expect(storedLang({ getItem: () => null })).toBe('zh-CN');
    expect(storedLang({ getItem: () => 'fr' })).toBe('zh-CN');
    expect(storedLang({ getItem: (k) => (k === LANG_STORAGE_KEY ? 'en' : null) })).toBe('en');
    expect(isLang('en')).toBe(true);
  });

  it('survives blocked storage', () => {
    expect(
      storedLang({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('zh-CN');
  });
});
