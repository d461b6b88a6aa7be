import type { ReportRow, SexKey } from '@onconet/domain/epi/report/incidence-report';
import { client } from '../../api/index.ts';

/** The answers of /api/stats/* (docs/api.md), as the statistics page reads them. */
export type SiteScheme = 'nccr' | 'ci5' | 'icd10';
// The table's cells and rows are the domain's own types, as the API sends them.
export type { ReportCell, ReportRow, SexKey } from '@onconet/domain/epi/report/incidence-report';

export interface Catchment {
  readonly divisionCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface Incidence {
  readonly catchment: Catchment;
  readonly suppressBelow: number | null;
  readonly years: readonly number[];
  readonly personYears: Readonly<Record<SexKey, number>>;
  readonly ageGroups: readonly string[];
  readonly rows: readonly ReportRow[];
  readonly trend: ReadonlyArray<{ readonly year: number; readonly cases: number | null; readonly asrChina: number | null; readonly asrWorld: number | null }>;
  readonly eapc: { readonly eapc: number; readonly lower: number; readonly upper: number } | null;
  readonly excludedCases: number;
}

export interface IncidenceQuery {
  /** A district or county (500000 = all Chongqing), or an institution whose county is the catchment. */
  readonly division: string;
  readonly institution?: number;
  readonly from: number;
  readonly to: number;
  readonly scheme: SiteScheme;
}

export type SurvivalMethod = 'km' | 'pohar-perme';

export interface SurvivalStratum {
  readonly key: 'all' | 'male' | 'female';
  readonly n: number;
  readonly deaths: number;
  readonly suppressed: boolean;
  readonly times: ReadonlyArray<{ readonly years: number; readonly n_risk: number; readonly survival: number | null; readonly lower: number | null; readonly upper: number | null }>;
  readonly medianYears: number | null;
  readonly curve: ReadonlyArray<{ readonly years: number; readonly survival: number; readonly lower: number | null; readonly upper: number | null }>;
}

export interface Survival {
  readonly closingDate: string;
  readonly lifeTable: string | null;
  readonly minimumPatients: number | null;
  readonly method: SurvivalMethod;
  readonly excluded: { readonly dco: number; readonly zeroTime: number; readonly unknownAge: number };
  readonly strata: readonly SurvivalStratum[];
}

export interface SurvivalChoice {
  readonly site: string;
  readonly method: SurvivalMethod;
  readonly by: 'none' | 'sex';
}

const params = (q: IncidenceQuery) => ({ ...(q.institution === undefined ? { division: q.division } : { institution: String(q.institution) }), from: String(q.from), to: String(q.to), scheme: q.scheme });

export const statisticsApi = {
  catchments: () => client.get<{ catchments: Catchment[]; years: number[] }>('/api/stats/catchments'),
  incidence: (q: IncidenceQuery) => client.get<Incidence>('/api/stats/incidence', params(q)),
  survival: (q: IncidenceQuery, s: SurvivalChoice) => client.get<Survival>('/api/stats/survival', { ...params(q), site: s.site, method: s.method, by: s.by }),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (q: IncidenceQuery, format: 'csv' | 'xlsx', lang: 'zh' | 'en') => `/api/stats/incidence/export?${new URLSearchParams({ ...params(q), format, lang }).toString()}`,
  /** Cases and person-years in the CI5 layout (registry, cancer, sex, age_group, cases, py). */
  ci5Url: (q: IncidenceQuery) => `/api/stats/ci5.csv?${new URLSearchParams(params(q)).toString()}`,
};
