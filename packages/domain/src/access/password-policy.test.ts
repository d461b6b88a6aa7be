import { describe, expect, it } from 'vitest';
import { checkPassword, lockoutAfterFailure, passwordExpired, PASSWORD_POLICIES } from './password-policy.ts';

const common = new Set(['password', 'qwertyuiop123', 'iloveyou']);
const ctx = { username: 'zhangsan', commonPasswords: common };

describe('password policy', () => {
  it('ASVS level 2: length and common passwords only, no composition rules', () => {
    expect(checkPassword('short', PASSWORD_POLICIES.asvs, ctx)?.code).toBe('password.tooShort');
    expect(checkPassword('qwertyuiop123', PASSWORD_POLICIES.asvs, ctx)?.code).toBe('password.common');
    expect(checkPassword('zhangsan-secret', PASSWORD_POLICIES.asvs, ctx)?.code).toBe('password.containsUsername');
    expect(checkPassword('correct horse battery', PASSWORD_POLICIES.asvs, ctx)).toBeNull();
  });
  it('MLPS level 3 adds 3 of 4 character classes and a 90-day change', () => {
    expect(checkPassword('correct horse battery', PASSWORD_POLICIES.mlps3, ctx)?.code).toBe('password.classes');
    expect(checkPassword('Correct horse battery 9', PASSWORD_POLICIES.mlps3, ctx)).toBeNull();
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(PASSWORD_POLICIES.mlps3, changed, new Date('2026-03-15T00:00:00Z'))).toBe(false);
    expect(passwordExpired(PASSWORD_POLICIES.mlps3, changed, new Date('2026-04-15T00:00:00Z'))).toBe(true);
    expect(passwordExpired(PASSWORD_POLICIES.asvs, changed, new Date('2036-01-01T00:00:00Z'))).toBe(false);
  });
  it('locks after the fifth consecutive failure for 15 minutes', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    let failures = 0;
    for (let i = 1; i <= 4; i++) {
      const next = lockoutAfterFailure(failures, now);
      expect(next.lockedUntil).toBeNull();
      failures = next.failures;
    }
    expect(lockoutAfterFailure(failures, now).lockedUntil).toEqual(new Date('2026-11-23T08:15:00Z'));
  });
});
