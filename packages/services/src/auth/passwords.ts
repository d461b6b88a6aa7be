import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot import)
import { dictionary } from '@zxcvbn-ts/language-common';

/** Argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane) unless the caller asks for more. */
export interface HashCost {
  readonly memoryCost: number;
  readonly timeCost: number;
}
export const DEFAULT_HASH_COST: HashCost = { memoryCost: 19_456, timeCost: 2 };

export function hashPassword(password: string, cost: HashCost = DEFAULT_HASH_COST): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let common: ReadonlySet<string> | null = null;
/** The 49k most common passwords shipped by zxcvbn-ts, loaded once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set((dictionary['passwords-common']).map((p) => p.toLowerCase()));
  return common;
}
