/**
 * Cases of unknown age. CI5 and Rcan (csu_asr, "missing age") spread them over the known age groups in proportion to
 * the cases of known age, so the ASR keeps every case; 'apart' leaves them out of age-specific and standardised
 * rates (they still count in the crude rate) and reports them beside the rates.
 */
export type UnknownAgeHandling = 'spread' | 'apart';

export function spreadUnknownAge(cases: ArrayLike<number>, unknown: number): { cases: Float64Array; unallocated: number } {
  const out = Float64Array.from(cases);
  if (unknown === 0) return { cases: out, unallocated: 0 };
  let known = 0;
  for (let i = 0; i < out.length; i += 1) known += out[i]!;
  // With no case of known age there is no distribution to follow: keep them apart rather than invent one.
  if (known === 0) return { cases: out, unallocated: unknown };
  const factor = (known + unknown) / known;
  for (let i = 0; i < out.length; i += 1) out[i] = out[i]! * factor;
  return { cases: out, unallocated: 0 };
}
