/**
 * Fellegi & Sunter (1969) with Splink's conventions. For each comparison c and level l,
 * m = P(level | match) and u = P(level | non-match); the match weight of a pair is
 *   w = log2(λ / (1 − λ)) + Σ_c log2(m_c,l / u_c,l)
 * (a missing value contributes 0), and the match probability is 2^w / (1 + 2^w). λ is the prior
 * probability that two records drawn at random are the same person.
 */
export function bayesFactorWeight(m: number, u: number): number {
  return Math.log2(m / u);
}

export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

export function weightToProbability(weight: number): number {
  if (weight > 60) return 1;
  if (weight < -60) return 0;
  const odds = 2 ** weight;
  return odds / (1 + odds);
}

export function probabilityToWeight(p: number): number {
  return Math.log2(p / (1 - p));
}

/**
 * Comparison vectors aggregated by pattern: `levels` holds K levels per pattern (0 = missing),
 * `masks` which blocking rules produced the pairs, `counts` how many pairs share the pattern.
 */
export interface PatternTable {
  readonly comparisons: number;
  readonly levels: Uint8Array;
  readonly masks: Uint32Array;
  readonly counts: Float64Array;
}

export interface EmResult {
  readonly m: number[][];
  readonly lambda: number;
  readonly iterations: number;
  readonly pairs: number;
}

const SMOOTH = 1e-6;

/**
 * Expectation–maximisation for m and λ with u held fixed (Winkler 1988; Splink's estimate_parameters_
 * using_expectation_maximisation). Only pairs whose mask meets `ruleMask` take part, and comparisons in
 * `fixed` are left out of the likelihood: every pair of a blocking rule agrees on the rule's own fields,
 * so those fields carry no information about m in that session.
 */
export function expectationMaximisation(
  table: PatternTable,
  u: readonly (readonly number[])[],
  initialM: readonly (readonly number[])[],
  options: { ruleMask: number; fixed: ReadonlySet<number>; maxIterations?: number; tolerance?: number; initialLambda?: number },
): EmResult {
  const K = table.comparisons;
  const rows: number[] = [];
  let pairs = 0;
  for (let p = 0; p < table.counts.length; p++) {
    if (((table.masks[p] ?? 0) & options.ruleMask) !== 0) {
      rows.push(p);
      pairs += table.counts[p] ?? 0;
    }
  }
  let m = initialM.map((levels) => [...levels]);
  let lambda = options.initialLambda ?? 0.3;
  const logU = u.map((levels) => levels.map((x) => Math.log(x)));
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-5;
  let iteration = 0;
  for (; iteration < maxIterations && pairs > 0; iteration++) {
    const logM = m.map((levels) => levels.map((x) => Math.log(x)));
    const num = m.map((levels) => levels.map(() => 0));
    const den = m.map(() => 0);
    let matches = 0;
    const logPrior = Math.log(lambda / (1 - lambda));
    for (const p of rows) {
      let logit = logPrior;
      for (let c = 0; c < K; c++) {
        if (options.fixed.has(c)) continue;
        const level = table.levels[p * K + c] ?? 0;
        if (level === 0) continue;
        logit += (logM[c]?.[level - 1] ?? 0) - (logU[c]?.[level - 1] ?? 0);
      }
      const posterior = logit > 700 ? 1 : 1 / (1 + Math.exp(-logit));
      const weight = posterior * (table.counts[p] ?? 0);
      matches += weight;
      for (let c = 0; c < K; c++) {
        if (options.fixed.has(c)) continue;
        const level = table.levels[p * K + c] ?? 0;
        if (level === 0) continue;
        const row = num[c];
        if (row) row[level - 1] = (row[level - 1] ?? 0) + weight;
        den[c] = (den[c] ?? 0) + weight;
      }
    }
    let change = 0;
    const next = m.map((levels, c) => {
      if (options.fixed.has(c) || (den[c] ?? 0) <= 0) return levels;
      const raw = (num[c] ?? []).map((x) => x / (den[c] ?? 1) + SMOOTH);
      const total = raw.reduce((a, b) => a + b, 0);
      return raw.map((x, l) => {
        const v = x / total;
        change = Math.max(change, Math.abs(v - (levels[l] ?? 0)));
        return v;
      });
    });
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / pairs));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    m = next;
    lambda = nextLambda;
    if (change < tolerance) break;
  }
  return { m, lambda, iterations: iteration, pairs };
}

/**
 * λ over all N·(N−1)/2 (or nL·nR) pairs by EM with m and u fixed, counting the posteriors of the candidate
 * pairs only: a pair that no blocking rule produced disagrees on every blocking key and has a posterior
 * of ~0, so it adds to the denominator and nothing to the numerator.
 */
export function estimatePrior(table: PatternTable, m: readonly (readonly number[])[], u: readonly (readonly number[])[], totalPairs: number, initial: number): number {
  const K = table.comparisons;
  const base = new Float64Array(table.counts.length);
  for (let p = 0; p < table.counts.length; p++) {
    let w = 0;
    for (let c = 0; c < K; c++) {
      const level = table.levels[p * K + c] ?? 0;
      if (level > 0) w += Math.log((m[c]?.[level - 1] ?? 1) / (u[c]?.[level - 1] ?? 1));
    }
    base[p] = w;
  }
  let lambda = Math.min(0.5, Math.max(initial, 1 / totalPairs));
  for (let iteration = 0; iteration < 100; iteration++) {
    const logPrior = Math.log(lambda / (1 - lambda));
    let matches = 0;
    for (let p = 0; p < base.length; p++) {
      const logit = logPrior + (base[p] ?? 0);
      matches += (logit > 700 ? 1 : 1 / (1 + Math.exp(-logit))) * (table.counts[p] ?? 0);
    }
    const next = Math.min(0.5, Math.max(1 / totalPairs, matches / totalPairs));
    if (Math.abs(next - lambda) <= 1e-6 * lambda) return next;
    lambda = next;
  }
  return lambda;
}
