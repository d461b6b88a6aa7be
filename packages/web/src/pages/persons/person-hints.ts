import type { Sex } from '@onconet/domain/common/sex';
import { parseDate } from '@onconet/domain/common/dates';
import { normalisePhone } from '@onconet/domain/people/phone';
import { parseResidentId } from '@onconet/domain/people/resident-id';
import type { MessageKey, Vars } from '../../i18n/translate.ts';

export interface Hint {
  readonly kind: 'info' | 'warning';
  readonly key: MessageKey;
  readonly vars?: Vars;
}

export interface PersonDraft {
  readonly birthDate?: string;
  readonly sex?: Sex;
  readonly residentId?: string;
  readonly phone?: string;
}

export type HintField = 'residentId' | 'birthDate' | 'phone';

/**
 * Hints while typing, from the same domain rules the server applies (GB 11643-1999 check digit,
 * dates, mobile numbers). They never block saving: the server decides, and its field errors
 * are what the form shows as errors.
 */
export function personHints(draft: PersonDraft): Partial<Record<HintField, Hint>> {
  const hints: Partial<Record<HintField, Hint>> = {};
  const birth = draft.birthDate?.trim() ? parseDate(draft.birthDate.trim()) : null;
  if (birth && !birth.ok) hints.birthDate = { kind: 'warning', key: 'person.hint.dateFormat' };

  const idText = draft.residentId?.trim() ?? '';
  if (idText !== '') {
    const id = parseResidentId(idText);
    if (!id.ok) {
      hints.residentId = { kind: 'warning', key: id.error.code === 'residentId.checkDigit' ? 'person.hint.checkDigit' : 'person.hint.idFormat' };
    } else if (birth?.ok && birth.value !== id.value.birthDate) {
      hints.residentId = { kind: 'warning', key: 'person.hint.idBirthMismatch', vars: { date: id.value.birthDate } };
    } else if (draft.sex !== undefined && draft.sex !== id.value.sex) {
      hints.residentId = { kind: 'warning', key: 'person.hint.idSexMismatch' };
    } else if (id.value.upgraded) {
      hints.residentId = { kind: 'info', key: 'person.hint.idUpgraded', vars: { id: id.value.id } };
    } else {
      hints.residentId = { kind: 'info', key: 'person.hint.idOk', vars: { date: id.value.birthDate } };
    }
  }

  const phone = draft.phone?.trim() ?? '';
  if (phone !== '' && !normalisePhone(phone).ok) hints.phone = { kind: 'warning', key: 'person.hint.phone' };
  return hints;
}

/** Birth date and sex read from a valid resident ID, to fill empty fields. */
export function derivedFromResidentId(residentId: string | undefined): { readonly birthDate: string; readonly sex: Sex } | null {
  const parsed = residentId?.trim() ? parseResidentId(residentId.trim()) : null;
  return parsed?.ok ? { birthDate: parsed.value.birthDate, sex: parsed.value.sex } : null;
}

/**
 * What a result list shows of an ID number or phone: masked, unless the user searched for exactly
 * that number (they typed it, so showing it reveals nothing new and lets them confirm the hit).
 * A 15-digit query is compared in its upgraded 18-digit form.
 */
export function shownNumber(value: string | null, query: string, mask: (value: string | null) => string): string {
  if (!value) return '';
  const compact = query.replace(/[\s-]/g, '').toUpperCase();
  const upgraded = /^\d{15}$/.test(compact) ? parseResidentId(compact) : null;
  const asked = upgraded?.ok ? upgraded.value.id : compact;
  return asked !== '' && (asked === value.toUpperCase() || (asked.length >= 11 && value.endsWith(asked.slice(-11)) && /^\+?\d+$/.test(asked))) ? value : mask(value);
}

/** 500235199001011234 → 500235********1234: lists show a masked number, the detail view the whole. */
export function maskResidentId(id: string | null): string {
  if (!id) return '';
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
