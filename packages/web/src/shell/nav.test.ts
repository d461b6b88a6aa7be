import { ROLE_PERMISSIONS, ROLES, type Permission } from '@onconet/domain/access/roles';
import { describe, expect, it } from 'vitest';
import { homePath, NAV, navForPath, navLeaves, parentOf, visibleNav } from './nav.ts';

const keys = (permissions: readonly Permission[]) => navLeaves(visibleNav(permissions)).map((item) => item.key);

describe('visibleNav', () => {
  it('shows everything to a user holding every permission', () => {
    const all = navLeaves(NAV).flatMap((item) => (item.permission ? [item.permission] : []));
    expect(keys(all)).toEqual(navLeaves(NAV).map((item) => item.key));
  });

  it('gives an analyst the screening indicators, statistics, the cockpit and the network but no person module', () => {
    expect(keys(ROLE_PERMISSIONS.analyst)).toEqual(['screening-indicators', 'statistics', 'cockpit', 'network']);
  });

  it('gives screening staff the whole screening group, and roles without screening.read none of it but the indicators', () => {
    const screening = (role: keyof typeof ROLE_PERMISSIONS) => keys(ROLE_PERMISSIONS[role]).filter((k) => k.startsWith('screening'));
    expect(screening('screening_coordinator')).toEqual(['screening-campaigns', 'screening-worklists', 'screening-remote', 'screening-programmes', 'screening-indicators']);
    expect(screening('followup_nurse')).toHaveLength(5);
    expect(screening('network_admin')).toEqual(['screening-indicators']);
    expect(screening('auditor')).toEqual([]);
  });

  it('gives an auditor the audit log, users and network, and no personal data', () => {
    expect(keys(ROLE_PERMISSIONS.auditor)).toEqual(['network', 'users', 'audit']);
  });

  it('drops a group whose children are all hidden', () => {
    const visible = visibleNav(['network.read']).map((item) => item.key);
    expect(visible).toEqual(['admin']);
    expect(visibleNav([])).toEqual([]);
  });

  it('never shows an entry whose permission the role lacks, for every role', () => {
    for (const role of ROLES) {
      const held = new Set(ROLE_PERMISSIONS[role]);
      for (const leaf of navLeaves(visibleNav(ROLE_PERMISSIONS[role]))) expect([leaf.permission, ...(leaf.orPermissions ?? [])].some((p) => p === undefined || held.has(p))).toBe(true);
    }
  });
});

describe('paths', () => {
  it('leads each role to its first visible page', () => {
    expect(homePath(ROLE_PERMISSIONS.registrar)).toBe('/persons');
    expect(homePath(ROLE_PERMISSIONS.analyst)).toBe('/statistics');
    expect(homePath(['stats.read'])).toBe('/statistics');
    expect(homePath(ROLE_PERMISSIONS.screening_coordinator)).toBe('/persons');
    expect(homePath([])).toBeNull();
  });

  it('finds the menu entry of nested paths and its group', () => {
    expect(navForPath('/treatment/mdt')?.key).toBe('treatment-mdt');
    expect(navForPath('/persons/12')?.key).toBe('persons');
    expect(navForPath('/screening/campaigns/3')?.key).toBe('screening-campaigns');
    expect(parentOf('screening-indicators')).toBe('screening');
    expect(navForPath('/personsx')).toBeNull();
    expect(parentOf('users')).toBe('admin');
    expect(parentOf('audit')).toBeNull();
  });
});
