import { describe, expect, it } from 'vitest';
import { formatDateTime, localName } from './labels.ts';

describe('labels', () => {
  it('picks the name in the chosen language, falling back to Chinese', () => {
    expect(localName({ nameZh: '云阳县肿瘤医院', nameEn: 'Yunyang County Tumour Hospital' }, 'en')).toBe('Yunyang County Tumour Hospital');
    expect(localName({ nameZh: '云阳县肿瘤医院', nameEn: '' }, 'en')).toBe('云阳县肿瘤医院');
    expect(localName({ nameZh: '云阳县肿瘤医院', nameEn: 'x' }, 'zh-CN')).toBe('云阳县肿瘤医院');
  });

  it('formats timestamps by language, with a 24-hour clock, and shows a dash for none', () => {
    const ts = '2026-03-07T09:05:00Z';
    expect(formatDateTime(ts, 'zh-CN')).toMatch(/2026\/3\/7/);
    expect(formatDateTime(ts, 'en')).toMatch(/07\/03\/2026/);
    expect(formatDateTime(ts, 'en')).not.toMatch(/AM|PM/);
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
