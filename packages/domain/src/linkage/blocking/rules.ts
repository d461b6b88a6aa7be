import { fail, ok, type Result } from '../../common/field-error.ts';
import type { FieldSpec, FieldType } from '../config/field-types.ts';
import { featureNames } from '../dataset/features.ts';

/** One key of a blocking rule: a feature of a field ("name.surname" is the surname pinyin of `name`). */
export interface BlockingKey {
  readonly column: string;
  readonly feature: string;
}

/** Records agreeing exactly on every key of a rule are compared; the rules' pairs are united. */
export interface BlockingRule {
  readonly keys: readonly BlockingKey[];
}

export function ruleName(rule: BlockingRule): string {
  return rule.keys.map((k) => `${k.column}.${k.feature}`).join(' + ');
}

/** The feature a bare column blocks on: pinyin for names (so homophones and 張/张 share a block), else the value. */
export function defaultKeyFeature(type: FieldType): string {
  switch (type) {
    case 'full_name':
    case 'name_pinyin':
    case 'given_name':
    case 'surname':
      return 'pinyin';
    case 'birth_date':
      return 'date';
    case 'resident_id':
      return 'id';
    case 'division_code':
      return 'code';
    case 'sex':
    case 'phone':
    case 'address':
    case 'postcode':
    case 'text':
    case 'identifier':
      return 'value';
  }
}

/**
 * Parses link.json `blocking`: a list of rules, each an array of keys (or one string joined by "+"),
 * a key being `column` or `column.feature`, e.g. [["id_no"], ["name.surname", "dob"], "name.given + dob.year + division.county"].
 */
export function parseBlockingRules(raw: unknown, fields: readonly FieldSpec[]): Result<BlockingRule[]> {
  if (!Array.isArray(raw)) return fail('blocking', 'blocking.type', 'blocking must be a list of rules');
  const rules: BlockingRule[] = [];
  for (const [index, entry] of raw.entries()) {
    const parts: unknown[] = typeof entry === 'string' ? entry.split('+') : Array.isArray(entry) ? entry : [];
    if (parts.length === 0) return fail(`blocking[${index}]`, 'blocking.rule', `blocking[${index}] must be a non-empty list of keys or a "a + b" string`);
    const keys: BlockingKey[] = [];
    for (const part of parts) {
      if (typeof part !== 'string') return fail(`blocking[${index}]`, 'blocking.key', `blocking[${index}]: keys are strings`);
      const text = part.trim();
      const field = fields.find((f) => f.column === text) ?? fields.find((f) => text.startsWith(`${f.column}.`));
      if (!field) return fail(`blocking[${index}]`, 'blocking.column', `blocking[${index}]: "${text}" names no column of "fields"`);
      const feature = text === field.column ? defaultKeyFeature(field.type) : text.slice(field.column.length + 1);
      if (!featureNames(field.type).includes(feature)) {
        return fail(`blocking[${index}]`, 'blocking.feature', `blocking[${index}]: ${field.type} has no key "${feature}" (use ${featureNames(field.type).join(', ')})`);
      }
      keys.push({ column: field.column, feature });
    }
    rules.push({ keys });
  }
  return ok(rules);
}
