import { fail, ok, type Result } from '../../common/field-error.ts';
import { levelLabels } from '../compare/levels.ts';
import { isFieldType } from '../config/field-types.ts';
import type { FieldSpec } from '../config/field-types.ts';
import type { ComparisonParameters, LinkModel } from './link-model.ts';

export function serialiseModel(model: LinkModel): string {
  return `${JSON.stringify(model)}\n`;
}

const probabilities = (v: unknown, n: number): boolean => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && x > 0 && x <= 1);

/** Reads a saved model back, checking that it is whole and that its levels are those this version grades. */
export function parseModel(text: string): Result<LinkModel> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('model', 'model.json', 'the model file is not JSON');
  }
  const m = raw as Partial<LinkModel> | null;
  if (!m || m.format !== 'onconet-link-model' || m.version !== 1) return fail('model', 'model.format', 'not an OncoNet link model (format onconet-link-model, version 1)');
  if (typeof m.lambda !== 'number' || !(m.lambda > 0 && m.lambda < 1)) return fail('model', 'model.lambda', 'the model has no valid prior λ');
  if (!Array.isArray(m.fields) || !Array.isArray(m.comparisons) || m.fields.length !== m.comparisons.length) return fail('model', 'model.fields', 'the model fields and comparisons do not match');
  const fields: readonly FieldSpec[] = m.fields;
  const comparisons: readonly ComparisonParameters[] = m.comparisons;
  for (const [c, comparison] of comparisons.entries()) {
    const field = fields[c];
    if (!field || !isFieldType(field.type) || comparison.column !== field.column || comparison.type !== field.type) return fail('model', 'model.fields', `comparison ${c + 1} does not match its field`);
    const levels = levelLabels(field.type);
    if (JSON.stringify(comparison.levels) !== JSON.stringify(levels)) return fail('model', 'model.levels', `comparison ${comparison.column}: levels differ from this version's`);
    if (!probabilities(comparison.m, levels.length) || !probabilities(comparison.u, levels.length)) return fail('model', 'model.parameters', `comparison ${comparison.column}: m and u must be probabilities per level`);
  }
  if (!m.thresholds || !(m.thresholds.review <= m.thresholds.link)) return fail('model', 'model.thresholds', 'the model thresholds are invalid');
  return ok(m as LinkModel);
}
