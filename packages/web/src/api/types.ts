import type { Permission, Role } from '@onconet/domain/access/roles';
import type { ScopeKind } from '@onconet/domain/access/scope';
import type { InstitutionType, Tier } from '@onconet/domain/network/institution';

/** Shapes of docs/api.md, as the web app reads them. */
export interface Me {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly institution: { readonly id: number; readonly code: string; readonly nameZh: string; readonly nameEn: string; readonly tier: Tier };
  readonly roles: readonly Role[];
  readonly permissions: readonly Permission[];
  readonly scope: { readonly kind: ScopeKind; readonly region: string | null };
  readonly mustChangePassword: boolean;
  readonly locale: 'zh-CN' | 'en';
}

export interface SignedIn {
  readonly user: Me;
  readonly csrfToken: string;
}

export interface Institution {
  readonly id: number;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly tier: Tier;
  readonly type: InstitutionType;
  readonly parentId: number | null;
  readonly divisionCode: string;
  readonly active: boolean;
  readonly alliances: readonly string[];
}

export interface InstitutionInput {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly tier: Tier;
  readonly type: InstitutionType;
  readonly parentId: number | null;
  readonly divisionCode: string;
  readonly alliances?: readonly string[];
}

export interface Alliance {
  readonly id: number;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly site: string;
  readonly memberIds: readonly number[];
}

export interface Division {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: string | number;
  readonly parent: string | null;
}

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly institutionId: number;
  readonly roles: readonly Role[];
  readonly scopeKind: ScopeKind;
  readonly scopeRegion: string | null;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
  readonly lockedUntil: string | null;
}

export interface UserCreate {
  readonly username: string;
  readonly displayName: string;
  readonly institutionId: number;
  readonly roles: readonly Role[];
  readonly scopeKind: ScopeKind;
  readonly scopeRegion?: string | null;
  readonly password: string;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly roles?: readonly Role[];
  readonly scopeKind?: ScopeKind;
  readonly scopeRegion?: string | null;
  readonly active?: boolean;
}

export type VitalStatus = 'alive' | 'dead' | 'unknown';
export type IdentifierKind = 'mrn' | 'outpatient' | 'screening' | 'other';

export interface PersonSummary {
  readonly id: number;
  readonly name: string;
  readonly namePinyin: string;
  readonly sex: 1 | 2;
  readonly birthDate: string;
  readonly residentId: string | null;
  readonly phone: string | null;
  readonly divisionCode: string | null;
  readonly vitalStatus: VitalStatus;
}

export interface Person extends PersonSummary {
  readonly address: string | null;
  readonly deathDate: string | null;
  readonly registeredBy: number;
  readonly identifiers: ReadonlyArray<{ readonly institutionId: number; readonly institutionCode: string; readonly kind: IdentifierKind; readonly value: string }>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PersonInput {
  readonly name?: string;
  readonly sex?: 1 | 2;
  readonly birthDate?: string;
  readonly residentId?: string | null;
  readonly phone?: string | null;
  readonly divisionCode?: string | null;
  readonly address?: string | null;
  readonly vitalStatus?: VitalStatus;
  readonly deathDate?: string | null;
  readonly identifiers?: ReadonlyArray<{ readonly kind: IdentifierKind; readonly value: string }>;
}

export interface AuditRow {
  readonly seq: number;
  readonly ts: string;
  readonly actorUserId: number | null;
  readonly actorUsername: string | null;
  readonly actorInstitutionId: number | null;
  readonly action: string;
  readonly outcome: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly personId: number | null;
  readonly institutionId: number | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly detail: unknown;
}

export interface AuditFilter {
  readonly userId?: number;
  readonly personId?: number;
  readonly institutionId?: number;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
  readonly before?: number;
  readonly limit?: number;
}

export interface AuditPage {
  readonly items: readonly AuditRow[];
  readonly nextBefore: number | null;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly problems: ReadonlyArray<{ readonly kind: string; readonly seq: number }>;
}

export interface ApiToken {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedToken {
  readonly id: number;
  readonly name: string;
  readonly token: string;
}

export interface Items<T> {
  readonly items: readonly T[];
}
