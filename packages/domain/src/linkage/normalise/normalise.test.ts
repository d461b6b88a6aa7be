import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../people/resident-id.ts';
import { normaliseChineseName, simplifyHan, splitHanName } from './chinese-name.ts';
import { normaliseDate } from './dates.ts';
import { divisionAt, normaliseDivisionCode } from './division-code.ts';
import { normaliseLatinName } from './latin-name.ts';
import { normaliseLinkPhone } from './phone.ts';
import { cleanText } from './text.ts';
import { normaliseResidentId } from './resident-id.ts';

const hanName = fc
  .tuple(fc.constantFrom('王', '李', '張', '欧阳', '歐陽', '司马', '单', '曾'), fc.array(fc.constantFrom('伟', '偉', '丽', '麗', '国', '國', '华', '華', '娜', '明'), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));

describe('Chinese names', () => {
  it('simplifies traditional characters and splits compound surnames', () => {
    expect(simplifyHan('歐陽華麗')).toBe('欧阳华丽');
    expect(normaliseChineseName('歐陽娜娜')).toMatchObject({ text: '欧阳娜娜', surname: '欧阳', given: '娜娜', pinyin: 'ouyangnana', surnamePinyin: 'ouyang' });
    expect(splitHanName('司马光')).toEqual({ surname: '司马', given: '光' });
    expect(splitHanName('欧阳')).toEqual({ surname: '欧', given: '阳' });
  });

  it('reads surnames with their surname pronunciation and makes homophones agree in pinyin', () => {
    expect(normaliseChineseName('單國華').surnamePinyin).toBe('shan');
    expect(normaliseChineseName('王丽').pinyin).toBe(normaliseChineseName('王莉').pinyin);
    expect(normaliseChineseName('Ｗａｎｇ　Ｌｉ')).toMatchObject({ text: 'wangli', surname: 'wang', given: 'li', han: false });
  });

  it('is idempotent: normalising the normalised text changes nothing', () => {
    fc.assert(
      fc.property(hanName, (name) => {
        const once = normaliseChineseName(name);
        expect(normaliseChineseName(once.text)).toEqual(once);
      }),
    );
  });
});

describe('Latin names, dates, phones, division codes', () => {
  it('folds case, accents and punctuation, idempotently', () => {
    expect(normaliseLatinName("  O'Brien-Müller ")).toBe('obrien muller');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseLatinName(normaliseLatinName(s))).toBe(normaliseLatinName(s));
      }),
    );
  });

  it('reads ISO, YYYYMMDD, slashed and Chinese dates and drops impossible ones', () => {
    expect(normaliseDate('19490101')).toBe('1949-01-01');
    expect(normaliseDate('2001/2/3')).toBe('2001-02-03');
    expect(normaliseDate('2001年2月3日')).toBe('2001-02-03');
    expect(normaliseDate('2023-02-30')).toBe('');
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(normaliseDate(iso)).toBe(iso);
        expect(normaliseDate(iso.replace(/-/g, ''))).toBe(iso);
      }),
    );
  });

  it('normalises phones and keeps mistyped digits', () => {
    expect(normaliseLinkPhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normaliseLinkPhone('2380013800')).toBe('2380013800');
    expect(normaliseLinkPhone('12')).toBe('');
  });

  it('cuts division codes to the level they state', () => {
    expect(normaliseDivisionCode('500103001000')).toBe('500103001');
    expect(normaliseDivisionCode('500103000')).toBe('500103');
    expect(normaliseDivisionCode('500100')).toBe('5001');
    expect(normaliseDivisionCode('500000')).toBe('50');
    expect(divisionAt('500103001', 'county')).toBe('500103');
    expect(divisionAt('5001', 'county')).toBe('');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,12}$/), (s) => {
        expect(normaliseDivisionCode(normaliseDivisionCode(s))).toBe(normaliseDivisionCode(s));
      }),
    );
  });
});

describe('resident ID numbers', () => {
  const division = fc.constantFrom('500103', '500235', '110101');
  const birth = fc.date({ min: new Date('1900-01-01'), max: new Date('1999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('round-trips a valid number and its 15-digit legacy form to the same 18 characters', () => {
    fc.assert(
      fc.property(division, birth, fc.integer({ min: 0, max: 99 }), fc.constantFrom(1 as const, 2 as const), (div, date, seq, sex) => {
        const id = makeResidentId(div, date, seq, sex);
        const legacy = id.slice(0, 6) + id.slice(8, 17);
        expect(normaliseResidentId(id)).toEqual({ id, valid: true, birthSex: `${date.replace(/-/g, '')}${sex}` });
        expect(normaliseResidentId(legacy).id).toBe(id);
        expect(normaliseResidentId(normaliseResidentId(id).id)).toEqual(normaliseResidentId(id));
      }),
    );
  });

  it('keeps a mistyped number, still reading its birth date and sex', () => {
    const id = makeResidentId('500103', '1962-07-15', 12, 2);
    const typo = id.slice(0, 2) + String((Number(id[2]) + 1) % 10) + id.slice(3);
    expect(normaliseResidentId(typo)).toEqual({ id: typo, valid: false, birthSex: '196207152' });
  });
});

describe('text clean-up', () => {
  it('property: the ASCII fast path gives what NFKC and whitespace folding give', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.constantFrom('\t', '\u3000', 'Ａ', '１')) }), (raw) => {
        expect(cleanText(raw)).toBe(raw.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });
});
