import type { PasswordProfile } from '@onconet/domain';

/** Configuration comes from the environment (README "Configuration"); nothing secret has a default in the repo. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly sessionIdleMinutes: number;
  readonly passwordProfile: PasswordProfile;
  readonly auditKey: string | null;
  readonly secureCookies: boolean;
  readonly logLevel: string;
  readonly demoPersons: number;
}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer between ${min} and ${max}, not "${raw}"`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const profile = env.ONCONET_PASSWORD_PROFILE ?? 'asvs';
  if (profile !== 'asvs' && profile !== 'mlps3') throw new Error(`ONCONET_PASSWORD_PROFILE must be asvs or mlps3, not "${profile}"`);
  return {
    port: int('PORT', env.PORT, 8080, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.ONCONET_DATA ?? './data',
    databaseUrl: env.DATABASE_URL || null,
    sessionIdleMinutes: int('ONCONET_SESSION_IDLE_MINUTES', env.ONCONET_SESSION_IDLE_MINUTES, 30, 1, 24 * 60),
    passwordProfile: profile,
    auditKey: env.ONCONET_AUDIT_KEY || null,
    secureCookies: env.ONCONET_SECURE_COOKIES === 'true',
    logLevel: env.ONCONET_LOG_LEVEL ?? 'info',
    demoPersons: int('ONCONET_DEMO_PERSONS', env.ONCONET_DEMO_PERSONS, 20_000, 0, 10_000_000),
  };
}
