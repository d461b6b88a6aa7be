import { fail, ok, type Result } from '../../common/field-error.ts';
import { parseBlockingRules, type BlockingRule } from '../blocking/rules.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../model/link-model.ts';
import { MAX_COMPARISONS, MAX_RULES } from '../model/patterns.ts';
import { FIELD_TYPES, isFieldType, type FieldSpec } from './field-types.ts';

/** link.json: `{"fields": {"<column>": "<type>"}, "blocking": [...], "thresholds": {"link": p, "review": p}}`. */
export interface LinkConfig {
  readonly fields: readonly FieldSpec[];
  /** Empty: the defaults of chooseDefaultRules. */
  readonly blocking: readonly BlockingRule[];
  readonly thresholds: Thresholds;
}

const isProbability = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < 1;

export function parseLinkConfig(raw: unknown): Result<LinkConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('config', 'config.type', 'link.json must be a JSON object');
  const { fields, blocking, thresholds, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return fail(unknown[0] ?? '', 'config.unknown', `link.json: unknown key "${unknown[0]}" (expected fields, blocking, thresholds)`);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return fail('fields', 'config.fields', 'link.json: "fields" must map columns to field types');
  const specs: FieldSpec[] = [];
  for (const [column, type] of Object.entries(fields as Record<string, unknown>)) {
    if (!isFieldType(type)) return fail(`fields.${column}`, 'config.fieldType', `link.json: fields.${column} is "${String(type)}"; use one of ${FIELD_TYPES.join(', ')}`);
    specs.push({ column, type });
  }
  if (specs.length === 0) return fail('fields', 'config.fields', 'link.json: "fields" names no column');
  if (specs.length > MAX_COMPARISONS) return fail('fields', 'config.fields', `link.json: at most ${MAX_COMPARISONS} fields can be compared`);
  let rules: BlockingRule[] = [];
  if (blocking !== undefined) {
    const parsed = parseBlockingRules(blocking, specs);
    if (!parsed.ok) return parsed;
    if (parsed.value.length > MAX_RULES) return fail('blocking', 'config.blocking', `link.json: at most ${MAX_RULES} blocking rules`);
    rules = parsed.value;
  }
  let chosen: Thresholds = DEFAULT_THRESHOLDS;
  if (thresholds !== undefined) {
    if (typeof thresholds !== 'object' || thresholds === null) return fail('thresholds', 'config.thresholds', 'link.json: "thresholds" must be {"link": p, "review": p}');
    const t = thresholds as Record<string, unknown>;
    const link = t.link ?? DEFAULT_THRESHOLDS.link;
    const review = t.review ?? Math.min(DEFAULT_THRESHOLDS.review, typeof link === 'number' ? link : 1);
    if (!isProbability(link) || !isProbability(review) || review > link) {
      return fail('thresholds', 'config.thresholds', 'link.json: thresholds are probabilities strictly between 0 and 1 with review ≤ link');
    }
    chosen = { link, review };
  }
  return ok({ fields: specs, blocking: rules, thresholds: chosen });
}

/** The three-way Fellegi–Sunter decision for a pair's match probability. */
export type LinkDecision = 'link' | 'review' | 'non-link';

export function decide(probability: number, thresholds: Thresholds): LinkDecision {
  if (probability >= thresholds.link) return 'link';
  if (probability >= thresholds.review) return 'review';
  return 'non-link';
}
