import { DEFAULT_THRESHOLDS, levelLabels, type FieldSpec, type LinkModel } from '@onconet/domain/linkage/index';

/** The columns the index compares; a saved (trained) model must use these names. */
export const MPI_FIELDS: readonly FieldSpec[] = [
  { column: 'name', type: 'full_name' },
  { column: 'birth_date', type: 'birth_date' },
  { column: 'sex', type: 'sex' },
  { column: 'resident_id', type: 'resident_id' },
  { column: 'phone', type: 'phone' },
  { column: 'division_code', type: 'division_code' },
  { column: 'address', type: 'address' },
];

/**
 * m and u per level (best first) until a model trained on the network's own persons is saved.
 * u of exact agreement is the chance two residents share the value (a name ≈ 2·10⁻⁴ — Σ f² of Chinese
 * full names; a birth date ≈ 1/(365·55); an ID number or a mobile ≈ 0); m says how often one person's
 * records agree at that level (typos, homophones, moved house, a changed phone).
 */
const PARAMETERS: Record<string, { m: number[]; u: number[] }> = {
  name: { m: [0.88, 0.05, 0.03, 0.015, 0.015, 0.01], u: [2e-4, 5e-5, 5e-4, 1e-3, 0.03, 0.96825] },
  birth_date: { m: [0.9, 0.02, 0.03, 0.02, 0.01, 0.02], u: [5e-5, 5e-5, 1.5e-3, 2.5e-3, 0.03, 0.9659] },
  sex: { m: [0.98, 0.02], u: [0.5, 0.5] },
  resident_id: { m: [0.9, 0.04, 0.02, 0.02, 0.02], u: [2e-8, 1e-7, 1e-8, 5e-5, 0.99994987] },
  phone: { m: [0.7, 0.05, 0.25], u: [1e-7, 1e-6, 0.9999989] },
  division_code: { m: [0.55, 0.3, 0.1, 0.04, 0.01], u: [0.002, 0.03, 0.25, 0.7, 0.018] },
  address: { m: [0.4, 0.15, 0.1, 0.15, 0.2], u: [1e-5, 1e-4, 1e-3, 0.02, 0.97889] },
};

/**
 * λ, the prior that two residents are one person, is about one over the region's population (Chongqing
 * ≈ 32 million; ~2⁻²⁶). With it, agreeing on name, birth date and sex alone (27 bits) lands in clerical
 * review (p ≈ 0.7), and any further agreement (county, phone, ID number) reaches the link threshold —
 * the rule registrars apply by hand.
 */
export const DEFAULT_MPI_MODEL: LinkModel = {
  format: 'onconet-link-model',
  version: 1,
  fields: MPI_FIELDS,
  // The blocking rules the SQL function mpi_block_keys implements (documentation: the index uses SQL).
  blocking: [
    { keys: [{ column: 'resident_id', feature: 'id' }] },
    { keys: [{ column: 'phone', feature: 'value' }] },
    { keys: [{ column: 'name', feature: 'surname' }, { column: 'birth_date', feature: 'date' }] },
    { keys: [{ column: 'name', feature: 'given' }, { column: 'birth_date', feature: 'year' }, { column: 'division_code', feature: 'county' }] },
  ],
  lambda: 1.5e-8,
  comparisons: MPI_FIELDS.map((f) => {
    const p = PARAMETERS[f.column]!;
    return { column: f.column, type: f.type, levels: levelLabels(f.type), m: p.m, u: p.u, termFrequencies: [] };
  }),
  thresholds: DEFAULT_THRESHOLDS,
  training: { records: 0, candidatePairs: 0, randomPairs: 0, emSessions: [] },
};
