import type { QualityIndicators } from '@onconet/domain/registry/data-quality';
import { client } from '../../api/index.ts';
import type { ServerProgress } from '../../api/client.ts';

/** The answers of /api/registry/* (docs/api.md) as the registry pages read them. */
// The indicators are the domain's own type, as the API sends them.
export type Indicators = QualityIndicators;

export interface QualityRow {
  readonly year: number | null;
  readonly site: number | null;
  readonly siteName: { readonly en: string; readonly zh: string } | null;
  readonly sex: number | null;
  readonly institution: number | null;
  readonly institutionName: string | null;
  readonly county: string | null;
  readonly indicators: Indicators;
}

export interface QualityTable {
  readonly by: readonly string[];
  readonly rows: readonly QualityRow[];
  readonly total: Indicators;
  readonly reference: { readonly year: number; readonly mvPercent: number; readonly dcoPercent: number; readonly miRatio: number };
  readonly timelinessDays: number;
}

export type WorklistName = 'notifications' | 'checks' | 'primaries' | 'tracebacks';
export type WorkItem = Readonly<Record<string, unknown>> & { readonly id: number; readonly personName: string };

export interface ImportReport {
  readonly status: 'imported' | 'rejected' | 'already_imported';
  readonly fileName: string;
  readonly rowsTotal: number;
  readonly rowsLoaded: number;
  readonly encoding: string | null;
  readonly warnings: readonly string[];
  readonly summary: Readonly<Record<string, number>> | null;
}

export interface TumourDetail {
  readonly tumour: Readonly<Record<string, unknown>> & { readonly id: number; readonly mp_status: string; readonly mp_explanation: { readonly en?: string; readonly zh?: string } | null };
  readonly fields: readonly { readonly field: string; readonly value: string | null; readonly notificationId: number | null; readonly sourceRef: string | null; readonly sourceKind: string | null; readonly institutionCode: string | null; readonly overrideReason: string | null }[];
  readonly checks: readonly { readonly rule: string; readonly severity: 'error' | 'warning'; readonly messageEn: string; readonly messageZh: string; readonly confirmReason: string | null; readonly confirmedAt: string | null }[];
  readonly notifications: readonly { readonly id: number; readonly kind: string; readonly sourceRef: string | null; readonly reportedOn: string; readonly institutionName: string; readonly topography: string | null; readonly morphology: string | null; readonly behaviour: number | null; readonly basis: number | null; readonly icd10: string | null }[];
  readonly otherTumours: readonly { readonly id: number; readonly topography: string | null; readonly morphology: string | null; readonly incidenceDate: string | null; readonly mpStatus: string }[];
}

export const registryApi = {
  tumour: (id: number) => client.get<TumourDetail>(`/api/registry/tumours/${id}`),
  override: (id: number, field: string, value: string | null, reason: string) => client.post<TumourDetail>(`/api/registry/tumours/${id}/override`, { field, value, reason }),
  confirmWarning: (id: number, rule: string, reason: string) => client.post<TumourDetail>(`/api/registry/tumours/${id}/confirm-warning`, { rule, reason }),
  resolveTraceback: (id: number, note: string) => client.post<unknown>(`/api/registry/tracebacks/${id}/resolve`, { note }),
  quality: (by: readonly string[], from?: number, to?: number) => client.get<QualityTable>('/api/registry/quality', { by: by.join(','), from, to }),
  worklist: (list: WorklistName) => client.get<{ items: WorkItem[] }>(`/api/registry/worklists/${list}`, { limit: 100 }),
  confirmPrimary: (id: number) => client.post<unknown>(`/api/registry/tumours/${id}/confirm-primary`),
  consolidate: (id: number) => client.post<unknown>(`/api/registry/notifications/${id}/consolidate`),
  registerDco: () => client.post<{ registered: number; skipped: number }>('/api/registry/dco'),
  /** The upload's own progress, then the server's (validate → match → consolidate) as it works. */
  upload: (kind: 'notifications' | 'deaths', file: File, onProgress: (f: number) => void, onServerProgress: (p: ServerProgress) => void) =>
    client.upload<ImportReport>('/api/registry/imports', { kind, fileName: file.name }, file, onProgress, onServerProgress),
};
