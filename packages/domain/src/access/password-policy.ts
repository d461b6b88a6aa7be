import type { FieldError } from '../common/field-error.ts';

/**
 * Two policy profiles. "asvs" follows OWASP ASVS 4.0 level 2 (V2.1: ≥ 12 characters, breached/common
 * password check, no composition rules, no forced rotation). "mlps3" adds what China's MLPS 2.0 level 3
 * (GB/T 22239-2019 8.1.4.1) asks of application systems: complexity (3 of 4 character classes) and periodic change.
 */
export type PasswordProfile = 'asvs' | 'mlps3';

export interface PasswordPolicy {
  readonly profile: PasswordProfile;
  readonly minLength: number;
  readonly maxLength: number;
  readonly requiredClasses: number;
  /** Days after which a password must be changed; null means never (ASVS 2.1.10). */
  readonly maxAgeDays: number | null;
}

export const PASSWORD_POLICIES: Readonly<Record<PasswordProfile, PasswordPolicy>> = {
  asvs: { profile: 'asvs', minLength: 12, maxLength: 128, requiredClasses: 0, maxAgeDays: null },
  mlps3: { profile: 'mlps3', minLength: 12, maxLength: 128, requiredClasses: 3, maxAgeDays: 90 },
};

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  context: { readonly username: string; readonly commonPasswords: ReadonlySet<string> },
): FieldError | null {
  const field = 'password';
  const length = [...password].length;
  if (length < policy.minLength) return { field, code: 'password.tooShort', message: `password: at least ${policy.minLength} characters are required` };
  if (length > policy.maxLength) return { field, code: 'password.tooLong', message: `password: at most ${policy.maxLength} characters are allowed` };
  const lower = password.toLowerCase();
  if (context.commonPasswords.has(lower) || context.commonPasswords.has(lower.replace(/\d+$/, ''))) {
    return { field, code: 'password.common', message: 'password: this password is on the list of common passwords' };
  }
  if (context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    return { field, code: 'password.containsUsername', message: 'password: the password must not contain the user name' };
  }
  if (characterClasses(password) < policy.requiredClasses) {
    return { field, code: 'password.classes', message: `password: use at least ${policy.requiredClasses} of: lower case, upper case, digits, symbols` };
  }
  return null;
}

export function passwordExpired(policy: PasswordPolicy, changedAt: Date, now: Date): boolean {
  return policy.maxAgeDays !== null && now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}

/** Lockout after repeated failures (MLPS 2.0 8.1.4.1 b): 5 failures lock the account for 15 minutes. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

export function lockoutAfterFailure(failures: number, now: Date): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  return next >= LOCKOUT.maxFailures
    ? { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) }
    : { failures: next, lockedUntil: null };
}
