import type { Behaviour } from './morphology.ts';

export const BEHAVIOUR_TERMS: Readonly<Record<Behaviour, { en: string; zh: string }>> = {
  0: { en: 'Benign', zh: '良性' },
  1: { en: 'Uncertain whether benign or malignant', zh: '良性或恶性未肯定' },
  2: { en: 'In situ', zh: '原位癌' },
  3: { en: 'Malignant, primary site', zh: '恶性，原发部位' },
  6: { en: 'Malignant, metastatic site', zh: '恶性，转移部位' },
  9: { en: 'Malignant, uncertain whether primary or metastatic', zh: '恶性，原发或转移未肯定' },
};

export function parseBehaviour(raw: string): Behaviour | null {
  const t = raw.trim().replace(/^\//, '');
  return /^[012369]$/.test(t) ? (Number(t) as Behaviour) : null;
}

/** ICD-O-3 sixth digit: 1–4 differentiation, 5–8 immunophenotype of lymphomas and leukaemias, 9 unknown. */
export type Grade = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const GRADE_TERMS: Readonly<Record<Grade, { en: string; zh: string }>> = {
  1: { en: 'Grade I, well differentiated', zh: 'Ⅰ级，高分化' },
  2: { en: 'Grade II, moderately differentiated', zh: 'Ⅱ级，中分化' },
  3: { en: 'Grade III, poorly differentiated', zh: 'Ⅲ级，低分化' },
  4: { en: 'Grade IV, undifferentiated, anaplastic', zh: 'Ⅳ级，未分化，间变' },
  5: { en: 'T-cell', zh: 'T细胞' },
  6: { en: 'B-cell', zh: 'B细胞' },
  7: { en: 'Null cell, non-T-non-B', zh: '裸细胞，非T非B' },
  8: { en: 'NK (natural killer) cell', zh: 'NK（自然杀伤）细胞' },
  9: { en: 'Grade or cell type not determined', zh: '分级或细胞类型未确定' },
};

export function parseGrade(raw: string): Grade | null {
  const t = raw.trim();
  return /^[1-9]$/.test(t) ? (Number(t) as Grade) : null;
}

/** Immunophenotype codes 5–8 are only meaningful for lymphomas and leukaemias (M-9590–9992). */
export function gradeFitsMorphology(grade: Grade, morphology: string): boolean {
  if (grade <= 4 || grade === 9) return true;
  const m = Number(morphology);
  return m >= 9590 && m <= 9992;
}
