import type { Role, ScopeKind } from '@onconet/domain';

/**
 * One demo login per role (README lists them). They share one password so a demonstrator can
 * switch roles quickly; the demo marks them as not needing a first-login change, unlike real users.
 */
export const DEMO_PASSWORD = 'OncoNet-Demo-2026';

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Code of the institution in the demo network. */
  readonly institution: 'core' | 'yunyang-hub' | 'qianjiang-hub' | 'yunyang-clinic';
  readonly scopeKind: ScopeKind;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'sysadmin', displayName: '系统管理员 System admin', role: 'system_admin', institution: 'core', scopeKind: 'network' },
  { username: 'netadmin', displayName: '网络管理员 Network admin', role: 'network_admin', institution: 'core', scopeKind: 'network' },
  { username: 'instadmin', displayName: '机构管理员 Institution admin', role: 'institution_admin', institution: 'yunyang-hub', scopeKind: 'institution' },
  { username: 'registrar', displayName: '登记员 Registrar', role: 'registrar', institution: 'yunyang-hub', scopeKind: 'hub' },
  { username: 'screening', displayName: '筛查协调员 Screening coordinator', role: 'screening_coordinator', institution: 'qianjiang-hub', scopeKind: 'hub' },
  { username: 'clinician', displayName: '临床医生 Clinician', role: 'clinician', institution: 'core', scopeKind: 'institution' },
  { username: 'mdt', displayName: 'MDT协调员 MDT coordinator', role: 'mdt_coordinator', institution: 'core', scopeKind: 'institution' },
  { username: 'nurse', displayName: '随访护士 Follow-up nurse', role: 'followup_nurse', institution: 'yunyang-clinic', scopeKind: 'institution' },
  { username: 'analyst', displayName: '分析员 Analyst', role: 'analyst', institution: 'core', scopeKind: 'aggregate' },
  { username: 'auditor', displayName: '审计员 Auditor', role: 'auditor', institution: 'core', scopeKind: 'network' },
];
