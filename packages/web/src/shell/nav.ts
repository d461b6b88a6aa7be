import type { Permission } from '@onconet/domain/access/roles';
import type { MessageKey } from '../i18n/translate.ts';

/** Where a menu entry leads; the module pages of the chain that are not built yet say so. */
export type NavKey =
  | 'persons'
  | 'mpi'
  | 'registry'
  | 'screening'
  | 'screening-campaigns'
  | 'screening-worklists'
  | 'screening-remote'
  | 'screening-programmes'
  | 'screening-indicators'
  | 'treatment'
  | 'treatment-mdt'
  | 'treatment-pathways'
  | 'treatment-referral'
  | 'followup'
  | 'cockpit'
  | 'statistics'
  | 'admin'
  | 'network'
  | 'users'
  | 'tokens'
  | 'audit';

export interface NavItem {
  readonly key: NavKey;
  readonly label: MessageKey;
  /** A leaf has a path; a group has children. */
  readonly path?: string;
  /** The permission the entry needs; a group is shown when any child is. */
  readonly permission?: Permission;
  /** Other permissions that open the entry too (screening indicators: screening.read or stats.read). */
  readonly orPermissions?: readonly Permission[];
  readonly children?: readonly NavItem[];
}

/**
 * The menu: the person index, one entry per link of the chain (DESIGN.md: 登记, 筛, 治, 养, 管),
 * then network administration and audit. Personal-data modules need persons.read, the cockpit
 * (aggregate indicators) stats.read, so an analyst sees the cockpit but no person records.
 */
export const NAV: readonly NavItem[] = [
  { key: 'persons', label: 'nav.persons', path: '/persons', permission: 'persons.read' },
  { key: 'mpi', label: 'nav.mpi', path: '/mpi', permission: 'mpi.review' },
  { key: 'registry', label: 'nav.registry', path: '/registry', permission: 'registry.read' },
  {
    key: 'screening',
    label: 'nav.screening',
    children: [
      { key: 'screening-campaigns', label: 'nav.screeningCampaigns', path: '/screening/campaigns', permission: 'screening.read' },
      { key: 'screening-worklists', label: 'nav.screeningWorklists', path: '/screening/worklists', permission: 'screening.read' },
      { key: 'screening-remote', label: 'nav.screeningRemote', path: '/screening/remote-reading', permission: 'screening.read' },
      { key: 'screening-programmes', label: 'nav.screeningProgrammes', path: '/screening/programmes', permission: 'screening.read' },
      { key: 'screening-indicators', label: 'nav.screeningIndicators', path: '/screening/indicators', permission: 'screening.read', orPermissions: ['stats.read'] },
    ],
  },
  {
    key: 'treatment',
    label: 'nav.treatment',
    children: [
      { key: 'treatment-mdt', label: 'nav.treatmentMdt', path: '/treatment/mdt', permission: 'persons.read' },
      { key: 'treatment-pathways', label: 'nav.treatmentPathways', path: '/treatment/pathways', permission: 'persons.read' },
      { key: 'treatment-referral', label: 'nav.treatmentReferral', path: '/treatment/referral', permission: 'persons.read' },
    ],
  },
  { key: 'followup', label: 'nav.followup', path: '/followup', permission: 'persons.read' },
  { key: 'statistics', label: 'nav.statistics', path: '/statistics', permission: 'stats.read' },
  { key: 'cockpit', label: 'nav.cockpit', path: '/cockpit', permission: 'stats.read' },
  {
    key: 'admin',
    label: 'nav.admin',
    children: [
      { key: 'network', label: 'nav.network', path: '/network', permission: 'network.read' },
      { key: 'users', label: 'nav.users', path: '/users', permission: 'users.read' },
      { key: 'tokens', label: 'nav.tokens', path: '/tokens', permission: 'tokens.manage' },
    ],
  },
  { key: 'audit', label: 'nav.audit', path: '/audit', permission: 'audit.read' },
];

/** Whether a user holding `held` may open a leaf. */
export function mayOpen(held: ReadonlySet<Permission>, item: Pick<NavItem, 'permission' | 'orPermissions'>): boolean {
  return item.permission === undefined || held.has(item.permission) || (item.orPermissions ?? []).some((p) => held.has(p));
}

/** The menu as one user may see it: entries without the permission disappear, and so do empty groups. */
export function visibleNav(permissions: readonly Permission[], items: readonly NavItem[] = NAV): NavItem[] {
  const held = new Set(permissions);
  return items.flatMap((item): NavItem[] => {
    if (item.children) {
      const children = visibleNav(permissions, item.children);
      return children.length > 0 ? [{ ...item, children }] : [];
    }
    return mayOpen(held, item) ? [item] : [];
  });
}

/** Leaves in menu order. */
export function navLeaves(items: readonly NavItem[]): NavItem[] {
  return items.flatMap((item) => (item.children ? navLeaves(item.children) : [item]));
}

/**
 * Where `/` leads after sign-in: the first page the user's own permission opens, so an analyst who may also read
 * the screening indicators (through stats.read) still lands on statistics; else the first page shown at all.
 */
export function homePath(permissions: readonly Permission[]): string | null {
  const leaves = navLeaves(visibleNav(permissions));
  const held = new Set(permissions);
  return (leaves.find((leaf) => leaf.permission === undefined || held.has(leaf.permission)) ?? leaves[0])?.path ?? null;
}

/** The leaf whose path is the longest prefix of the current location (for the selected menu key). */
export function navForPath(pathname: string): NavItem | null {
  let best: NavItem | null = null;
  for (const leaf of navLeaves(NAV)) {
    const path = leaf.path ?? '';
    if ((pathname === path || pathname.startsWith(`${path}/`)) && path.length > (best?.path?.length ?? -1)) best = leaf;
  }
  return best;
}

/** The group a leaf belongs to, so the sider opens it. */
export function parentOf(key: NavKey): NavKey | null {
  return NAV.find((item) => item.children?.some((child) => child.key === key))?.key ?? null;
}
