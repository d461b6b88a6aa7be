import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** Space-separated syllables without tones, surname readings applied: 单 shan, 曾 zeng, 解 xie. */
  readonly full: string;
  /** Syllables joined without spaces, for prefix search: "zhangwei". */
  readonly compact: string;
  /** First letters: "zw". */
  readonly initials: string;
}

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Pinyin of a personal name. pinyin-pro's surname mode reads the leading surname
 * (including compound surnames such as 欧阳, 司马, 尉迟) with its surname pronunciation.
 * Non-Han names are lower-cased and kept as they are.
 */
export function namePinyin(name: string): NamePinyin {
  const text = name.normalize('NFKC').trim();
  if (!hasHan(text)) {
    const latin = text.toLowerCase().replace(/[^a-z\s]/g, '').replace(/\s+/g, ' ').trim();
    const parts = latin.split(' ').filter(Boolean);
    return { full: latin, compact: parts.join(''), initials: parts.map((p) => p[0]).join('') };
  }
  const syllables = pinyin(text, { mode: 'surname', toneType: 'none', type: 'array', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(' '), compact: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
