import { parseDate, type IsoDate } from '../common/dates.ts';
import type { FieldError } from '../common/field-error.ts';
import { parseSex, type Sex } from '../common/sex.ts';
import { namePinyin } from './name-pinyin.ts';
import { normalisePhone } from './phone.ts';
import { parseResidentId } from './resident-id.ts';

export const VITAL_STATUSES = ['alive', 'dead', 'unknown'] as const;
export type VitalStatus = (typeof VITAL_STATUSES)[number];
export const IDENTIFIER_KINDS = ['mrn', 'outpatient', 'screening', 'other'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What a client sends; every field is checked because it may come from a form, a file or another system. */
export interface PersonInput {
  readonly name?: unknown;
  readonly sex?: unknown;
  readonly birthDate?: unknown;
  readonly residentId?: unknown;
  readonly phone?: unknown;
  readonly divisionCode?: unknown;
  readonly address?: unknown;
  readonly vitalStatus?: unknown;
  readonly deathDate?: unknown;
  readonly identifiers?: unknown;
}

export interface PersonRecord {
  readonly name: string;
  readonly namePinyin: string;
  readonly namePinyinCompact: string;
  readonly nameInitials: string;
  readonly sex: Sex;
  readonly birthDate: IsoDate;
  readonly residentId: string | null;
  readonly phone: string | null;
  readonly divisionCode: string | null;
  readonly address: string | null;
  readonly vitalStatus: VitalStatus;
  readonly deathDate: IsoDate | null;
  readonly identifiers: ReadonlyArray<{ readonly kind: IdentifierKind; readonly value: string }>;
}

const optionalText = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : typeof value === 'string' ? value.trim() : null);

/**
 * Validates and normalises a person. The resident ID must carry a valid check digit and agree with the
 * birth date and sex given (GB 11643-1999); a 15-digit legacy number is upgraded to 18 digits.
 * `today` is passed in: the domain has no clock.
 */
export function validatePerson(input: PersonInput, today: IsoDate): { ok: true; value: PersonRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const asText = (field: string, value: unknown, max: number): string | null => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') {
      err(field, 'type', `${field}: must be a string`);
      return null;
    }
    if ([...value].length > max) err(field, 'tooLong', `${field}: at most ${max} characters`);
    return value.trim() || null;
  };

  const name = asText('name', input.name, 100)?.normalize('NFKC').replace(/\s+/g, ' ') ?? null;
  if (name === null && !errors.some((e) => e.field === 'name')) err('name', 'required', 'name: is required');
  if (name !== null && /[\p{Cc}<>]/u.test(name)) err('name', 'characters', 'name: contains characters that are not allowed');

  let sex: Sex | null = null;
  if (input.sex === undefined || input.sex === null || input.sex === '') err('sex', 'required', 'sex: is required');
  else if (typeof input.sex !== 'string' && typeof input.sex !== 'number') err('sex', 'type', 'sex: must be 1, 2, M, F, 男 or 女');
  else {
    const parsed = parseSex(String(input.sex));
    if (parsed.ok) sex = parsed.value;
    else errors.push(parsed.error);
  }

  let birthDate: IsoDate | null = null;
  const birthText = asText('birthDate', input.birthDate, 10);
  if (birthText === null) {
    if (!errors.some((e) => e.field === 'birthDate')) err('birthDate', 'required', 'birthDate: is required');
  } else {
    const parsed = parseDate(birthText, 'birthDate');
    if (!parsed.ok) errors.push(parsed.error);
    else if (parsed.value > today) err('birthDate', 'future', 'birthDate: lies in the future');
    else birthDate = parsed.value;
  }

  let residentId: string | null = null;
  const idText = asText('residentId', input.residentId, 32);
  if (idText !== null) {
    const parsed = parseResidentId(idText);
    if (!parsed.ok) errors.push(parsed.error);
    else {
      residentId = parsed.value.id;
      if (birthDate !== null && parsed.value.birthDate !== birthDate) {
        err('residentId', 'residentId.birthDateMismatch', `residentId: encodes birth date ${parsed.value.birthDate}, not ${birthDate}`);
      }
      if (sex !== null && parsed.value.sex !== sex) err('residentId', 'residentId.sexMismatch', 'residentId: encodes the other sex');
    }
  }

  let phone: string | null = null;
  const phoneText = asText('phone', input.phone, 32);
  if (phoneText !== null) {
    const parsed = normalisePhone(phoneText);
    if (parsed.ok) phone = parsed.value;
    else errors.push(parsed.error);
  }

  const divisionCode = asText('divisionCode', input.divisionCode, 9);
  if (divisionCode !== null && !/^\d{6}(\d{3})?$/.test(divisionCode)) err('divisionCode', 'format', 'divisionCode: must be a 6- or 9-digit GB/T 2260 code');
  const address = asText('address', input.address, 200);

  let vitalStatus: VitalStatus = 'alive';
  if (input.vitalStatus !== undefined && input.vitalStatus !== null) {
    if (typeof input.vitalStatus === 'string' && (VITAL_STATUSES as readonly string[]).includes(input.vitalStatus)) vitalStatus = input.vitalStatus as VitalStatus;
    else err('vitalStatus', 'enum', `vitalStatus: must be one of ${VITAL_STATUSES.join(', ')}`);
  }
  let deathDate: IsoDate | null = null;
  const deathText = optionalText(input.deathDate);
  if (deathText !== null) {
    const parsed = parseDate(deathText, 'deathDate');
    if (!parsed.ok) errors.push(parsed.error);
    else if (parsed.value > today) err('deathDate', 'future', 'deathDate: lies in the future');
    else if (birthDate !== null && parsed.value < birthDate) err('deathDate', 'beforeBirth', 'deathDate: is before the birth date');
    else deathDate = parsed.value;
  } else if (input.deathDate !== undefined && input.deathDate !== null && input.deathDate !== '') {
    err('deathDate', 'type', 'deathDate: must be a date string');
  }
  if (deathDate !== null && vitalStatus === 'alive') vitalStatus = 'dead';

  const identifiers: Array<{ kind: IdentifierKind; value: string }> = [];
  if (input.identifiers !== undefined && input.identifiers !== null) {
    if (!Array.isArray(input.identifiers)) err('identifiers', 'type', 'identifiers: must be a list');
    else
      input.identifiers.forEach((raw: unknown, i) => {
        const item = (raw ?? {}) as { kind?: unknown; value?: unknown };
        const kind = item.kind ?? 'mrn';
        if (typeof kind !== 'string' || !(IDENTIFIER_KINDS as readonly string[]).includes(kind)) err(`identifiers/${i}/kind`, 'enum', `identifiers/${i}/kind: must be one of ${IDENTIFIER_KINDS.join(', ')}`);
        else if (typeof item.value !== 'string' || item.value.trim() === '' || item.value.length > 64) err(`identifiers/${i}/value`, 'format', `identifiers/${i}/value: 1–64 characters`);
        else identifiers.push({ kind: kind as IdentifierKind, value: item.value.trim() });
      });
  }

  if (errors.length > 0 || name === null || sex === null || birthDate === null) return { ok: false, errors };
  const pinyin = namePinyin(name);
  return {
    ok: true,
    value: { name, namePinyin: pinyin.full, namePinyinCompact: pinyin.compact, nameInitials: pinyin.initials, sex, birthDate, residentId, phone, divisionCode, address, vitalStatus, deathDate, identifiers },
  };
}

/** How a search string is read: an ID number, a phone, a Chinese name prefix, pinyin, or an MRN. */
export type PersonQuery =
  | { readonly kind: 'residentId'; readonly value: string }
  | { readonly kind: 'phone'; readonly value: string }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'pinyin'; readonly value: string }
  | { readonly kind: 'identifier'; readonly value: string };

export function classifyPersonQuery(raw: string): PersonQuery | null {
  const q = raw.normalize('NFKC').trim();
  if (q === '') return null;
  const compact = q.replace(/[\s-]/g, '');
  if (/^\d{17}[\dXx]$/.test(compact) || /^\d{15}$/.test(compact)) {
    const parsed = parseResidentId(compact);
    return { kind: 'residentId', value: parsed.ok ? parsed.value.id : compact.toUpperCase() };
  }
  if (/^(\+?86)?1[3-9]\d{9}$/.test(compact)) return { kind: 'phone', value: compact.slice(-11) };
  if (/\p{Script=Han}/u.test(q)) return { kind: 'name', value: q.replace(/\s+/g, '') };
  if (/^[A-Za-z\s]+$/.test(q)) return { kind: 'pinyin', value: q.toLowerCase().replace(/\s+/g, '') };
  return { kind: 'identifier', value: q };
}
