/** The column types of link.json (issue 3 CLI contract); each has its normaliser and graded comparison. */
export const FIELD_TYPES = [
  'full_name',
  'given_name',
  'surname',
  'name_pinyin',
  'birth_date',
  'sex',
  'resident_id',
  'phone',
  'division_code',
  'address',
  'postcode',
  'text',
  'identifier',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && (FIELD_TYPES as readonly string[]).includes(value);
}

export interface FieldSpec {
  /** The CSV column (and the field's name in models and explanations). */
  readonly column: string;
  readonly type: FieldType;
}
