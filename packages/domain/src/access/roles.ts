/** The roles of the foundation issue; a user may hold several. */
export const ROLES = [
  'system_admin',
  'network_admin',
  'institution_admin',
  'registrar',
  'screening_coordinator',
  'clinician',
  'mdt_coordinator',
  'followup_nurse',
  'analyst',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** What a request wants to do; routes declare one of these and the role matrix decides. */
export const PERMISSIONS = [
  'network.read',
  'network.manage',
  'users.read',
  'users.manage',
  'persons.read',
  'persons.write',
  'audit.read',
  'stats.read',
  'tokens.manage',
  // Read the cancer registry's notifications, tumours and worklists; import, consolidate and decide (issue 4).
  'registry.read',
  'registry.write',
  // Work the master patient index review queue: merge, keep apart, unmerge (issue 3).
  'mpi.review',
  // Screening (issue 6): read campaigns and participants; record the path (check-in, questionnaire, results,
  // follow-up, remote reading); manage programmes' settings and campaigns.
  'screening.read',
  'screening.write',
  'screening.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CLINICAL: readonly Permission[] = ['network.read', 'persons.read', 'persons.write', 'stats.read'];

/**
 * The role × permission matrix. The analyst sees aggregate statistics only (no personal data);
 * the auditor reads the audit log and the network but no person records.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  system_admin: [
    'network.read', 'network.manage', 'users.read', 'users.manage', 'persons.read', 'persons.write', 'stats.read', 'tokens.manage',
    'registry.read', 'registry.write', 'mpi.review', 'screening.read', 'screening.write', 'screening.manage',
  ],
  network_admin: ['network.read', 'network.manage', 'users.read', 'users.manage', 'persons.read', 'stats.read', 'tokens.manage'],
  institution_admin: ['network.read', 'users.read', 'users.manage', 'persons.read', 'persons.write', 'stats.read', 'screening.read'],
  registrar: [...CLINICAL, 'registry.read', 'registry.write', 'mpi.review', 'screening.read'],
  screening_coordinator: [...CLINICAL, 'screening.read', 'screening.write', 'screening.manage'],
  clinician: [...CLINICAL, 'screening.read', 'screening.write'],
  mdt_coordinator: [...CLINICAL, 'screening.read'],
  followup_nurse: [...CLINICAL, 'screening.read', 'screening.write'],
  analyst: ['network.read', 'stats.read'],
  auditor: ['network.read', 'users.read', 'audit.read'],
};

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
