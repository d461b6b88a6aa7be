import type { FieldError } from '../common/field-error.ts';
import { INSTITUTION_TYPES, TIERS, TYPE_TIERS, type InstitutionType, type Tier } from './institution.ts';

export interface InstitutionFields {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly tier: Tier;
  readonly type: InstitutionType;
  readonly parentId: number | null;
  readonly divisionCode: string;
}

/**
 * The network's shape rules: the core has no parent, a hub hangs under the core, a primary
 * institution under a hub; the type must fit the tier. `parentTier` is looked up by the caller.
 */
export function validateInstitution(input: Partial<Record<keyof InstitutionFields, unknown>>, parentTier: Tier | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (typeof input.code !== 'string' || !/^[A-Za-z0-9_-]{2,32}$/.test(input.code)) err('code', 'format', 'code: 2–32 letters, digits, - or _');
  if (typeof input.nameZh !== 'string' || input.nameZh.trim() === '' || input.nameZh.length > 200) err('nameZh', 'required', 'nameZh: 1–200 characters');
  if (typeof input.nameEn !== 'string' || input.nameEn.trim() === '' || input.nameEn.length > 200) err('nameEn', 'required', 'nameEn: 1–200 characters');
  if (typeof input.divisionCode !== 'string' || !/^\d{6}(\d{3})?$/.test(input.divisionCode)) err('divisionCode', 'format', 'divisionCode: a 6- or 9-digit GB/T 2260 code');
  const tier = (TIERS as readonly unknown[]).includes(input.tier) ? (input.tier as Tier) : null;
  if (tier === null) err('tier', 'enum', `tier: one of ${TIERS.join(', ')}`);
  const type = (INSTITUTION_TYPES as readonly unknown[]).includes(input.type) ? (input.type as InstitutionType) : null;
  if (type === null) err('type', 'enum', `type: one of ${INSTITUTION_TYPES.join(', ')}`);
  if (tier && type && !TYPE_TIERS[type].includes(tier)) err('type', 'tierMismatch', `type: a ${type} cannot be in the ${tier} tier`);
  if (input.parentId !== null && input.parentId !== undefined && typeof input.parentId !== 'number') err('parentId', 'type', 'parentId: a number or null');
  if (tier === 'core' && input.parentId != null) err('parentId', 'coreHasParent', 'parentId: the core institution has no parent');
  if (tier === 'hub' && parentTier !== 'core') err('parentId', 'hubParent', 'parentId: a hub belongs under the core institution');
  if (tier === 'primary' && parentTier !== 'hub') err('parentId', 'primaryParent', 'parentId: a primary institution belongs under a hub');
  return errors;
}
