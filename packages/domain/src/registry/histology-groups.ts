/**
 * The histology groups of the IARC/IACR rules for multiple primaries (IARC/IACR/ENCR 2004, Internal Report
 * 2004/02, Table 2): groups 1–17. Groups 5, 14 and 17 are "unspecified" and are not regarded as different from
 * the specific groups they cover.
 */
export type HistologyGroup = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17;

type Range = readonly [number, number];
const R = (a: number, b = a): Range => [a, b];

const GROUPS: ReadonlyArray<readonly [HistologyGroup, readonly Range[]]> = [
  [1, [R(8051, 8084), R(8120, 8131)]],
  [2, [R(8090, 8110)]],
  [3, [R(8140, 8149), R(8160, 8162), R(8190, 8221), R(8260, 8337), R(8350, 8551), R(8570, 8576), R(8940, 8941)]],
  [4, [R(8030, 8046), R(8150, 8157), R(8170, 8180), R(8230, 8255), R(8340, 8347), R(8560, 8562), R(8580, 8671)]],
  [5, [R(8010, 8015), R(8020, 8022), R(8050)]],
  [6, [R(8680, 8713), R(8800, 8921), R(8990, 8991), R(9040, 9044), R(9120, 9125), R(9130, 9136), R(9141, 9252), R(9370, 9373), R(9540, 9582)]],
  [7, [R(9050, 9055)]],
  [8, [R(9840), R(9861, 9931), R(9945, 9946), R(9950), R(9961, 9964), R(9980, 9987)]],
  [9, [R(9670, 9699), R(9728), R(9731, 9734), R(9761, 9767), R(9769), R(9823, 9826), R(9833), R(9836), R(9940)]],
  [10, [R(9700, 9719), R(9729), R(9768), R(9827, 9831), R(9834), R(9837), R(9948)]],
  [11, [R(9650, 9667)]],
  [12, [R(9740, 9742)]],
  [13, [R(9750, 9758)]],
  [14, [R(9590, 9591), R(9596), R(9727), R(9760), R(9800, 9801), R(9805), R(9820), R(9832), R(9835), R(9860), R(9960), R(9970), R(9975), R(9989)]],
  [15, [R(9140)]],
  [16, [R(8720, 8790), R(8930, 8936), R(8950, 8983), R(9000, 9030), R(9060, 9110), R(9260, 9365), R(9380, 9539)]],
  [17, [R(8000, 8005)]],
];

export const HISTOLOGY_GROUP_NAMES: Readonly<Record<HistologyGroup, { en: string; zh: string }>> = {
  1: { en: 'squamous carcinomas', zh: '鳞状细胞癌' },
  2: { en: 'basal cell carcinomas', zh: '基底细胞癌' },
  3: { en: 'adenocarcinomas', zh: '腺癌' },
  4: { en: 'other specific carcinomas', zh: '其他特指的癌' },
  5: { en: 'unspecified carcinomas', zh: '未特指的癌' },
  6: { en: 'sarcomas and soft-tissue tumours', zh: '肉瘤和软组织肿瘤' },
  7: { en: 'mesotheliomas', zh: '间皮瘤' },
  8: { en: 'myeloid neoplasms', zh: '髓系肿瘤' },
  9: { en: 'B-cell neoplasms', zh: 'B细胞肿瘤' },
  10: { en: 'T-cell and NK-cell neoplasms', zh: 'T细胞和NK细胞肿瘤' },
  11: { en: 'Hodgkin lymphoma', zh: '霍奇金淋巴瘤' },
  12: { en: 'mast-cell tumours', zh: '肥大细胞肿瘤' },
  13: { en: 'histiocytic and accessory lymphoid cell tumours', zh: '组织细胞和辅助淋巴细胞肿瘤' },
  14: { en: 'unspecified haematopoietic and lymphoid neoplasms', zh: '未特指的造血和淋巴组织肿瘤' },
  15: { en: 'Kaposi sarcoma', zh: '卡波西肉瘤' },
  16: { en: 'other specified types of cancer', zh: '其他特指类型的癌症' },
  17: { en: 'unspecified types of cancer', zh: '未特指类型的癌症' },
};

/** The histology group of a 4-digit morphology; morphologies in no listed range count as unspecified (17). */
export function histologyGroup(morphology: string): HistologyGroup {
  const m = Number(morphology);
  for (const [group, ranges] of GROUPS) if (ranges.some(([a, b]) => m >= a && m <= b)) return group;
  return 17;
}

/** Lymphoid and haematopoietic groups 8–14: systemic diseases counted once per person (IARC/IACR 2004 rule 4a). */
export const isHaematopoietic = (g: HistologyGroup): boolean => g >= 8 && g <= 14;

/**
 * Whether two groups are "the same histology" for rule 4b: equal, or one is an unspecified group that covers the
 * other (17 covers every group, 5 covers carcinomas 1–4, 14 covers haematopoietic 8–13).
 */
export function sameHistology(a: HistologyGroup, b: HistologyGroup): boolean {
  if (a === b || a === 17 || b === 17) return true;
  const covers = (unspecified: HistologyGroup, other: HistologyGroup) =>
    (unspecified === 5 && other >= 1 && other <= 4) || (unspecified === 14 && other >= 8 && other <= 13);
  return covers(a, b) || covers(b, a);
}
