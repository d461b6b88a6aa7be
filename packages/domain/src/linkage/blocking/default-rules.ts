import type { FieldType } from '../config/field-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { BlockingKey, BlockingRule } from './rules.ts';

/** Keys strong enough to block on alone, when their values are mostly distinct. */
function strongKeys(type: FieldType): readonly string[] {
  switch (type) {
    case 'resident_id':
      return ['id'];
    case 'phone':
    case 'identifier':
    case 'text':
    case 'address':
      return ['value'];
    case 'full_name':
    case 'name_pinyin':
    case 'given_name':
    case 'surname':
    case 'birth_date':
    case 'sex':
    case 'division_code':
    case 'postcode':
      return [];
  }
}

/** Keys that block in pairs: surname and given-name pinyin, birth date, county, postcode, coarse identifiers. */
function weakKeys(type: FieldType): readonly string[] {
  switch (type) {
    case 'full_name':
    case 'name_pinyin':
      return ['surname', 'given'];
    case 'given_name':
    case 'surname':
      return ['pinyin'];
    case 'birth_date':
      return ['date'];
    case 'division_code':
      return ['county'];
    case 'postcode':
    case 'identifier':
    case 'address':
    case 'text':
      return ['value'];
    case 'resident_id':
      return ['birthSex'];
    case 'sex':
    case 'phone':
      return [];
  }
}

export interface RuleChoice {
  readonly rule: BlockingRule;
  readonly pairs: number;
}

/** Records beyond which rule sizes are estimated on a systematic sample (every k-th record). */
const SAMPLE_RECORDS = 200_000;

/**
 * The candidate pairs a rule yields, counted without building its blocks. On large files it is
 * estimated on every k-th record and scaled by k² — pairs grow with the square of the records — which
 * is enough to choose rules against a budget; the pairs actually compared are counted exactly later.
 */
export function estimateRulePairs(dataset: Dataset, rule: BlockingRule): number {
  const columns = rule.keys.map((key) => dataset.fields.find((f) => f.spec.column === key.column)?.features.find((f) => f.name === key.feature));
  const left = dataset.leftSize;
  const first = columns[0];
  if (!first) return 0;
  // One key in a dedupe: exact, from the value counts.
  if (columns.length === 1 && left === undefined) {
    let pairs = 0;
    for (const c of first.counts) pairs += (c * (c - 1)) / 2;
    return pairs;
  }
  const stride = Math.max(1, Math.ceil(dataset.size / SAMPLE_RECORDS));
  // Block ids: the first key's value id, then for each further key a dense id per (block, value),
  // one map per depth since a combined key means something else at each depth.
  const intern = columns.map(() => new Map<number, number>());
  const block = new Int32Array(Math.ceil(dataset.size / stride)).fill(-1);
  let n = 0;
  for (let i = 0; i < dataset.size; i += stride, n++) {
    let g = first.ids[i] ?? -1;
    for (let k = 1; k < columns.length && g >= 0; k++) {
      const column = columns[k];
      const v = column?.ids[i] ?? -1;
      if (v < 0) {
        g = -1;
        break;
      }
      const key = g * (column?.dict.length ?? 1) + v;
      const depth = intern[k]!;
      let id = depth.get(key);
      if (id === undefined) depth.set(key, (id = depth.size));
      g = id;
    }
    block[n] = g;
  }
  const width = columns.length === 1 ? first.dict.length : (intern[columns.length - 1]?.size ?? 0);
  const sizes = new Int32Array(width);
  const lefts = new Int32Array(left === undefined ? 0 : width);
  for (let r = 0; r < n; r++) {
    const g = block[r] ?? -1;
    if (g < 0) continue;
    sizes[g] = (sizes[g] ?? 0) + 1;
    if (left !== undefined && r * stride < left) lefts[g] = (lefts[g] ?? 0) + 1;
  }
  let pairs = 0;
  for (let g = 0; g < width; g++) {
    const size = sizes[g] ?? 0;
    pairs += left === undefined ? (size * (size - 1)) / 2 : (lefts[g] ?? 0) * (size - (lefts[g] ?? 0));
  }
  return pairs * stride * stride;
}

/**
 * Default blocking when link.json gives none: each near-unique identifier alone (resident ID, phone, an
 * identifier column), then pairs of weaker keys (surname pinyin + birth date, given-name pinyin + birth
 * date, names + county…), and triples with the birth year for pairs that are too coarse — the rules the
 * issue suggests, chosen from what the file holds. Rules are taken most selective first while the union
 * stays within the pair budget (max(2·10⁶, 12·N)), at most `maxRules`; a rule that only repeats a
 * chosen one with an extra key is skipped.
 */
export function chooseDefaultRules(dataset: Dataset, maxRules = 8): RuleChoice[] {
  const budget = Math.max(2_000_000, 12 * dataset.size);
  const chosen: RuleChoice[] = [];
  let used = 0;
  const has = (column: string, feature: string): boolean => dataset.fields.some((f) => f.spec.column === column && f.features.some((x) => x.name === feature));
  for (const field of dataset.fields) {
    for (const feature of strongKeys(field.spec.type)) {
      const column = field.features.find((f) => f.name === feature);
      if (!column) continue;
      let present = 0;
      for (const id of column.ids) if (id >= 0) present++;
      if (present === 0 || column.dict.length / present < 0.2) continue;
      const rule = { keys: [{ column: field.spec.column, feature }] };
      const pairs = estimateRulePairs(dataset, rule);
      if (pairs <= budget / 2 && chosen.length < maxRules) {
        chosen.push({ rule, pairs });
        used += pairs;
      }
    }
  }
  const weak: BlockingKey[] = dataset.fields.flatMap((f) => weakKeys(f.spec.type).filter((k) => has(f.spec.column, k)).map((feature) => ({ column: f.spec.column, feature })));
  const year = dataset.fields.find((f) => f.spec.type === 'birth_date');
  const candidates: RuleChoice[] = [];
  for (const key of weak) {
    const rule = { keys: [key] };
    const pairs = estimateRulePairs(dataset, rule);
    if (pairs <= budget / 4) candidates.push({ rule, pairs });
  }
  for (let a = 0; a < weak.length; a++) {
    for (let b = a + 1; b < weak.length; b++) {
      const pair = [weak[a], weak[b]].filter((k): k is BlockingKey => k !== undefined);
      const rule = { keys: pair };
      const pairs = estimateRulePairs(dataset, rule);
      if (pairs <= budget / 2) candidates.push({ rule, pairs });
      else if (year && !pair.some((k) => k.column === year.spec.column)) {
        const narrower = { keys: [...pair, { column: year.spec.column, feature: 'year' }] };
        const narrowerPairs = estimateRulePairs(dataset, narrower);
        if (narrowerPairs <= budget / 2) candidates.push({ rule: narrower, pairs: narrowerPairs });
      }
    }
  }
  // Greedy for diversity: each next rule is the one whose fields the chosen rules use least (so a record
  // with an error in any one field is still caught by a rule that does not use it), fewest pairs first.
  const uses = new Map<string, number>();
  for (const c of chosen) for (const k of c.rule.keys) uses.set(k.column, (uses.get(k.column) ?? 0) + 1);
  const pool = candidates.filter((c) => !chosen.some((x) => x.rule.keys.every((k) => c.rule.keys.some((y) => y.column === k.column && y.feature === k.feature))));
  while (chosen.length < maxRules) {
    let best: RuleChoice | undefined;
    let bestScore = Infinity;
    for (const c of pool) {
      if (used + c.pairs > budget) continue;
      if (chosen.some((x) => x.rule.keys.every((k) => c.rule.keys.some((y) => y.column === k.column && y.feature === k.feature)))) continue;
      const overlap = c.rule.keys.reduce((a, k) => a + (uses.get(k.column) ?? 0), 0);
      const score = overlap * 1e15 + c.pairs;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (!best) break;
    chosen.push(best);
    used += best.pairs;
    for (const k of best.rule.keys) uses.set(k.column, (uses.get(k.column) ?? 0) + 1);
  }
  return chosen;
}
