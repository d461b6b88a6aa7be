import { client } from '../../api/index.ts';

/** The master patient index routes (docs/mpi.md), typed for the review page. */
export type ReviewStatus = 'open' | 'merged' | 'kept_apart';

export interface ReviewItem {
  readonly id: number;
  readonly status: ReviewStatus;
  readonly matchProbability: number;
  readonly matchWeight: number;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly mergeId: number | null;
  readonly record: { readonly personId: number; readonly name: string; readonly sex: number | null; readonly birthDate: string | null; readonly source: string; readonly institutionCode: string };
  readonly candidate: { readonly personId: number; readonly name: string; readonly sex: number; readonly birthDate: string };
}

export interface SourceRecord {
  readonly id: number;
  readonly source: string;
  readonly institutionCode: string | null;
  readonly sourceRef: string | null;
  readonly name: string;
  readonly sex: number | null;
  readonly birthDate: string | null;
  readonly residentId: string | null;
  readonly phone: string | null;
  readonly divisionCode: string | null;
  readonly address: string | null;
  readonly identifiers: readonly { readonly kind: string; readonly value: string }[];
  readonly linkKind: string;
  readonly receivedAt: string;
}

export interface FieldContribution {
  readonly column: string;
  readonly left: string;
  readonly right: string;
  readonly level: string;
  readonly m: number | null;
  readonly u: number | null;
  readonly weight: number;
  readonly termFrequencyAdjustment: number;
}

export interface ReviewDetail extends Omit<ReviewItem, 'record' | 'candidate'> {
  readonly thresholds: { readonly link: number; readonly review: number };
  readonly record: SourceRecord;
  readonly candidate: { readonly id: number; readonly name: string; readonly sex: number; readonly birthDate: string; readonly residentId: string | null; readonly phone: string | null; readonly divisionCode: string | null; readonly address: string | null; readonly records: readonly SourceRecord[] };
  readonly comparison: { readonly priorWeight: number; readonly matchWeight: number; readonly matchProbability: number; readonly decision: string; readonly fields: readonly FieldContribution[] } | null;
}

/** The linkage model in use (GET/PUT /api/mpi/model). */
export interface ModelView {
  readonly source: 'default' | 'saved' | 'trained';
  readonly savedAt: string | null;
  readonly lambda: number;
  readonly priorWeight: number;
  readonly thresholds: { readonly link: number; readonly review: number };
  readonly training: { readonly records: number; readonly candidatePairs: number } | null;
  readonly fields: readonly { readonly column: string; readonly type: string; readonly termFrequencyAdjusted: boolean; readonly levels: readonly { readonly label: string; readonly m: number; readonly u: number; readonly weight: number }[] }[];
}

export const mpiApi = {
  model: () => client.get<ModelView>('/api/mpi/model'),
  useModel: (model: unknown) => client.put<ModelView>('/api/mpi/model', model),
  reviews: (status: ReviewStatus) => client.get<{ items: ReviewItem[] }>('/api/mpi/reviews', { status, limit: 100 }),
  review: (id: number) => client.get<ReviewDetail>(`/api/mpi/reviews/${id}`),
  merge: (id: number) => client.post<{ mergeId: number; review: ReviewDetail }>(`/api/mpi/reviews/${id}/merge`),
  keepApart: (id: number) => client.post<ReviewDetail>(`/api/mpi/reviews/${id}/keep-apart`),
  unmerge: (mergeId: number) => client.post<{ mergeId: number; review: ReviewDetail | null }>(`/api/mpi/merges/${mergeId}/unmerge`),
};
