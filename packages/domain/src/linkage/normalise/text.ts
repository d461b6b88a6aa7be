const CLEAN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * Text clean-up shared by every normaliser. NFKC folds full-width Latin letters, digits and
 * punctuation (ＡＢＣ１２３，) to their half-width forms, which Chinese input methods produce
 * routinely; whitespace is collapsed so that "王  伟" and "王伟 " compare equal after trimming.
 */
export function cleanText(raw: string): string {
  // Printable ASCII in single-space-separated tokens is already clean (NFKC leaves it as it is); ID
  // numbers, phones and dates are, and the test costs a tenth of normalize() on a million of them.
  if (CLEAN_ASCII.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
}

/** Lower case without accents or punctuation ("Müller-Lüdenscheidt, J." → "muller ludenscheidt j"); letters of any script are kept. */
export function foldLatin(raw: string): string {
  return cleanText(raw)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only the digits of a value ("0086 138-0013-8000" → "008613800138000"). */
export function digitsOnly(raw: string): string {
  return cleanText(raw).replace(/\D+/g, '');
}
