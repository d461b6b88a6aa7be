import { parseSex } from '../../common/sex.ts';
import type { FieldType } from '../config/field-types.ts';
import { normaliseChineseName, normaliseNamePart, simplifyHan } from '../normalise/chinese-name.ts';
import { normaliseDate } from '../normalise/dates.ts';
import { divisionAt, normaliseDivisionCode } from '../normalise/division-code.ts';
import { normaliseLinkPhone } from '../normalise/phone.ts';
import { normaliseResidentId } from '../normalise/resident-id.ts';
import { cleanText, foldLatin } from '../normalise/text.ts';

/**
 * Each field type is stored as a few normalised string features; '' is missing. The first feature is
 * the field's value proper (missing there means the field is missing); the others serve pinyin
 * comparison and blocking keys (surname pinyin, birth year, county).
 */
export function featureNames(type: FieldType): readonly string[] {
  switch (type) {
    case 'full_name':
    case 'name_pinyin':
      return ['text', 'pinyin', 'sorted', 'surname', 'given'];
    case 'given_name':
    case 'surname':
      return ['text', 'pinyin'];
    case 'birth_date':
      return ['date', 'year'];
    case 'resident_id':
      return ['id', 'birthSex'];
    case 'division_code':
      return ['code', 'county'];
    case 'sex':
    case 'phone':
    case 'address':
    case 'postcode':
    case 'text':
    case 'identifier':
      return ['value'];
  }
}

/** Normalises one raw cell into its features, in the order of featureNames(type). */
export function extractFeatures(type: FieldType, raw: string): string[] {
  switch (type) {
    case 'full_name':
    case 'name_pinyin': {
      const n = normaliseChineseName(raw);
      const sorted = n.surnamePinyin <= n.givenPinyin ? n.surnamePinyin + n.givenPinyin : n.givenPinyin + n.surnamePinyin;
      return [n.text, n.pinyin, n.pinyin === '' ? '' : sorted, n.surnamePinyin, n.givenPinyin];
    }
    case 'given_name':
    case 'surname': {
      const part = normaliseNamePart(raw, type === 'surname' ? 'surname' : 'given');
      return [part.text, part.pinyin];
    }
    case 'birth_date': {
      const date = normaliseDate(raw);
      return [date, date.slice(0, 4)];
    }
    case 'resident_id': {
      const id = normaliseResidentId(raw);
      return [id.id, id.birthSex];
    }
    case 'division_code': {
      const code = normaliseDivisionCode(raw);
      return [code, divisionAt(code, 'county')];
    }
    case 'sex': {
      const sex = raw.trim() === '' ? undefined : parseSex(raw);
      return [sex?.ok ? String(sex.value) : ''];
    }
    case 'phone':
      return [normaliseLinkPhone(raw)];
    case 'address':
      return [simplifyHan(raw).replace(/\s+/g, ' ').toLowerCase()];
    case 'postcode':
    case 'identifier':
      return [cleanText(raw).toUpperCase().replace(/[\s-]/g, '')];
    case 'text':
      return [foldLatin(simplifyHan(raw))];
  }
}
