import { foldLatin } from './text.ts';

/**
 * Latin-script names (FEBRL, RLdata, pinyin-only Chinese records): lower case, accents removed,
 * punctuation and apostrophes dropped so that "O'Brien" = "obrien" and "Jean-Luc" = "jean luc".
 */
export function normaliseLatinName(raw: string): string {
  return foldLatin(raw.replace(/['’`]/g, ''));
}

/** The name's tokens, for order-insensitive comparison ("Wei Zhang" against "ZHANG Wei"). */
export function latinTokens(name: string): string[] {
  return normaliseLatinName(name).split(' ').filter(Boolean);
}
