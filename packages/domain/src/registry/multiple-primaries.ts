/**
 * IARC/IACR rules for multiple primary cancers (IARC/IACR/ENCR, Internal Report 2004/02):
 *  1. recognising multiple primaries does not depend on time;
 *  2. a primary cancer originates in a primary site or tissue and is not an extension, recurrence or metastasis;
 *  3. only one tumour is registered per organ, pair of organs or tissue — organs being the 3-character
 *     topography categories, with the groups of categories below counted as one organ;
 *  4. exceptions: (a) systemic cancers — lymphomas and leukaemias (histology groups 8–14), Kaposi sarcoma (15)
 *     and mesothelioma (7) — are counted once per person whatever their sites; (b) tumours of different histology
 *     (different groups of Table 2) in one organ are different primaries.
 */
import type { IsoDate } from '../common/dates.ts';
import type { LocalText } from './check-result.ts';
import { HISTOLOGY_GROUP_NAMES, histologyGroup, isHaematopoietic, sameHistology, type HistologyGroup } from './histology-groups.ts';

/** Rule 3: categories counted as one organ (IARC/IACR 2004, Table 1). */
const ORGAN_GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['C01–C02', ['C01', 'C02']],
  ['C00, C03–C06', ['C00', 'C03', 'C04', 'C05', 'C06']],
  ['C09–C10, C12–C14', ['C09', 'C10', 'C12', 'C13', 'C14']],
  ['C19–C20', ['C19', 'C20']],
  ['C23–C24', ['C23', 'C24']],
  ['C33–C34', ['C33', 'C34']],
  ['C40–C41', ['C40', 'C41']],
  ['C65–C68', ['C65', 'C66', 'C67', 'C68']],
];

/** The organ a topography belongs to for rule 3: its group label or its own 3-character category. */
export function organOf(topography: string): string {
  const category = topography.slice(0, 3);
  if (['C57.7', 'C57.8', 'C57.9'].includes(topography) || category === 'C51' || category === 'C52') return 'C51–C52, C57.7–C57.9';
  for (const [label, members] of ORGAN_GROUPS) if (members.includes(category)) return label;
  return category;
}

export interface PrimaryCandidate {
  readonly id: string;
  readonly topography: string;
  readonly morphology: string;
  readonly incidenceDate: IsoDate | null;
}

export type PrimaryDecision =
  | { readonly kind: 'new'; readonly rule: string; readonly explanation: LocalText }
  | { readonly kind: 'same'; readonly duplicateOf: string; readonly rule: string; readonly explanation: LocalText };

const systemicLabel = (g: HistologyGroup): 'haem' | 'kaposi' | 'meso' | null =>
  isHaematopoietic(g) ? 'haem' : g === 15 ? 'kaposi' : g === 7 ? 'meso' : null;

/** Compares a tumour with one already registered for the same person. */
export function comparePrimaries(existing: PrimaryCandidate, candidate: PrimaryCandidate): PrimaryDecision {
  const ga = histologyGroup(existing.morphology);
  const gb = histologyGroup(candidate.morphology);
  const na = HISTOLOGY_GROUP_NAMES[ga];
  const nb = HISTOLOGY_GROUP_NAMES[gb];
  const sa = systemicLabel(ga);
  const sb = systemicLabel(gb);
  if (sa !== null && sa === sb && sameHistology(ga, gb)) {
    return {
      kind: 'same', duplicateOf: existing.id, rule: 'IARC/IACR 2004 rule 4a',
      explanation: {
        en: `systemic cancer counted once per person: ${candidate.morphology} (${nb.en}) and ${existing.morphology} (${na.en}) of tumour ${existing.id} are the same disease whatever the sites`,
        zh: `系统性肿瘤每人只计一次：${candidate.morphology}（${nb.zh}）与肿瘤${existing.id}的${existing.morphology}（${na.zh}）为同一疾病，不论部位`,
      },
    };
  }
  if (sa !== null || sb !== null) {
    if (!sameHistology(ga, gb) || sa !== sb) {
      return {
        kind: 'new', rule: 'IARC/IACR 2004 rule 4b',
        explanation: { en: `different histology groups: ${nb.en} vs ${na.en} of tumour ${existing.id}`, zh: `组织学分组不同：${nb.zh}与肿瘤${existing.id}的${na.zh}` },
      };
    }
  }
  const oa = organOf(existing.topography);
  const ob = organOf(candidate.topography);
  if (oa !== ob) {
    return {
      kind: 'new', rule: 'IARC/IACR 2004 rule 3',
      explanation: { en: `different organs: ${candidate.topography} (${ob}) vs ${existing.topography} (${oa}) of tumour ${existing.id}; time since the first tumour is not considered (rule 1)`, zh: `器官不同：${candidate.topography}（${ob}）与肿瘤${existing.id}的${existing.topography}（${oa}）；不考虑间隔时间（规则1）` },
    };
  }
  if (!sameHistology(ga, gb)) {
    return {
      kind: 'new', rule: 'IARC/IACR 2004 rule 4b',
      explanation: { en: `same organ (${ob}) but different histology groups: ${nb.en} vs ${na.en} of tumour ${existing.id}`, zh: `同一器官（${ob}），但组织学分组不同：${nb.zh}与肿瘤${existing.id}的${na.zh}` },
    };
  }
  return {
    kind: 'same', duplicateOf: existing.id, rule: 'IARC/IACR 2004 rule 3',
    explanation: {
      en: `one tumour per organ: ${candidate.topography} is in the same organ (${ob}) as tumour ${existing.id} with the same histology group (${na.en}); record the more specific morphology on ${existing.id}`,
      zh: `每个器官只登记一个肿瘤：${candidate.topography}与肿瘤${existing.id}同属一个器官（${ob}）且组织学分组相同（${na.zh}）；请在${existing.id}上记录更特指的形态学`,
    },
  };
}

/**
 * Decides, for all tumours of one person, which are new primaries and which repeat an earlier one. Tumours are
 * taken in incidence order (input order for ties and unknown dates); each is compared with the primaries kept
 * so far, and the first "same" decision wins.
 */
export function decidePrimaries(tumours: readonly PrimaryCandidate[]): ReadonlyMap<string, PrimaryDecision> {
  const order = tumours.map((t, i) => ({ t, i })).sort((a, b) => {
    const da = a.t.incidenceDate ?? '9999-12-31';
    const db = b.t.incidenceDate ?? '9999-12-31';
    return da === db ? a.i - b.i : da < db ? -1 : 1;
  });
  const kept: PrimaryCandidate[] = [];
  const decisions = new Map<string, PrimaryDecision>();
  for (const { t } of order) {
    let decision: PrimaryDecision = {
      kind: 'new', rule: 'IARC/IACR 2004 rule 2',
      explanation: { en: 'first primary tumour of this person', zh: '该人的第一个原发肿瘤' },
    };
    for (const primary of kept) {
      const d = comparePrimaries(primary, t);
      decision = d;
      if (d.kind === 'same') break;
    }
    if (decision.kind === 'new') kept.push(t);
    decisions.set(t.id, decision);
  }
  return decisions;
}
