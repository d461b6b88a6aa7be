import { normaliseIcd10, registryScope } from '../../codes/icd10.ts';
import { CI5_GROUPS, ci5Totals } from './ci5-groups.ts';
import { NCCR_GROUPS, nccrTotals } from './nccr-groups.ts';
import { icd10Category, type SiteGroup, type SiteGroupScheme } from './site-group.ts';

/** The totals rows of each scheme, named as their sources name them. */
const TOTALS: Readonly<Record<string, SiteGroup>> = {
  '62': { kind: 'site-group', id: '62', en: 'All sites', zh: '所有部位合计', icd10: 'C00-C96,D45-D47' },
  '63': { kind: 'site-group', id: '63', en: 'All sites but skin', zh: '所有部位除外皮肤（C44）', icd10: 'C00-C96,D45-D47 but C44' },
  all: { kind: 'site-group', id: 'all', en: 'All sites', zh: '所有部位合计', icd10: 'C00-C97,D32-D33,D42-D43,D45-D47' },
  'all-but-c44': { kind: 'site-group', id: 'all-but-c44', en: 'All sites but C44', zh: '所有部位除外C44', icd10: 'all but C44' },
};

export type SiteGrouping =
  | { readonly kind: 'grouped'; readonly group: SiteGroup; readonly totals: readonly SiteGroup[] }
  | { readonly kind: 'excluded' }
  | { readonly kind: 'invalid' };

/**
 * Where a case with this ICD-10 code is counted in a table by site: its group, and the totals rows it also counts in.
 * 'excluded' for a code the scheme leaves out of incidence (in situ, benign, D47.2 in CI5 …); 'invalid' for text that
 * is not an ICD-10 code or a category that does not exist. ICD-10 categories use NCCR's reportable scope and totals.
 */
export function groupSite(scheme: SiteGroupScheme, raw: string): SiteGrouping {
  const code = normaliseIcd10(raw);
  const category = code === null ? null : icd10Category(code);
  if (code === null || category === null) return { kind: 'invalid' };
  switch (scheme) {
    case 'icd10': {
      if (registryScope(code) !== 'reportable') return { kind: 'excluded' };
      const group = category;
      return { kind: 'grouped', group, totals: nccrTotals(code).map((id) => TOTALS[id]!) };
    }
    case 'ci5': {
      const group = CI5_GROUPS.classify(code);
      return group === null ? { kind: 'excluded' } : { kind: 'grouped', group, totals: ci5Totals(code).map((id) => TOTALS[id]!) };
    }
    case 'nccr': {
      const group = NCCR_GROUPS.classify(code);
      return group === null ? { kind: 'excluded' } : { kind: 'grouped', group, totals: nccrTotals(code).map((id) => TOTALS[id]!) };
    }
  }
}
