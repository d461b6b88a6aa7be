/**
 * Basis of diagnosis, IARC codes 0–9 (Jensen et al., Cancer Registration: Principles and Methods, IARC SP 95;
 * CanReg5 adds 3 and 8). Microscopically verified (MV) = 5, 6, 7, 8.
 */
export type BasisCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type BasisClass = 'dco' | 'clinical' | 'nonMicroscopic' | 'microscopic' | 'unknown';

export interface Basis {
  readonly code: BasisCode;
  readonly en: string;
  readonly zh: string;
  readonly class: BasisClass;
}

export const BASES: readonly Basis[] = [
  { code: 0, en: 'Death certificate only', zh: '仅有死亡医学证明书', class: 'dco' },
  { code: 1, en: 'Clinical only', zh: '临床诊断', class: 'clinical' },
  { code: 2, en: 'Clinical investigation (imaging, endoscopy, ultrasound)', zh: '临床辅助检查（影像、内镜、超声）', class: 'nonMicroscopic' },
  { code: 3, en: 'Exploratory surgery or autopsy without histology', zh: '手术探查或尸检（无组织学）', class: 'nonMicroscopic' },
  { code: 4, en: 'Specific tumour markers', zh: '特异性肿瘤标志物', class: 'nonMicroscopic' },
  { code: 5, en: 'Cytology or haematology', zh: '细胞学或血液学', class: 'microscopic' },
  { code: 6, en: 'Histology of a metastasis', zh: '转移灶组织学', class: 'microscopic' },
  { code: 7, en: 'Histology of the primary tumour', zh: '原发灶组织学', class: 'microscopic' },
  { code: 8, en: 'Autopsy with histology', zh: '尸检（有组织学）', class: 'microscopic' },
  { code: 9, en: 'Unknown', zh: '不详', class: 'unknown' },
];

export function parseBasis(raw: string): BasisCode | null {
  const t = raw.trim();
  return /^\d$/.test(t) ? (Number(t) as BasisCode) : null;
}

export function basisOf(code: BasisCode): Basis {
  const basis = BASES[code];
  if (!basis) throw new RangeError(`basis ${code}`);
  return basis;
}

export const isMicroscopic = (code: BasisCode): boolean => basisOf(code).class === 'microscopic';
