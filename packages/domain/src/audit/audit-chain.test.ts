import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chain, ChainVerifier, GENESIS_HASH, type AuditEntry } from './audit-chain.ts';

// A toy MAC that is enough to test the chain logic in the pure domain (the services use HMAC-SHA256).
const mac = (payload: string) => {
  let h = 2166136261;
  for (let i = 0; i < payload.length; i++) h = Math.imul(h ^ payload.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
};

const entry = (i: number): Omit<AuditEntry, 'seq'> => ({ ts: new Date(1_700_000_000_000 + i * 1000).toISOString(), actorUserId: i % 3, actorUsername: `u${i % 3}`, actorInstitutionId: 1, action: 'person.read', outcome: 'success', entityType: 'person', entityId: String(i), personId: i, institutionId: null, requestId: null, ip: null, detail: { b: 1, a: [i] } });

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('property: canonical JSON is the sorted-key JSON text, the same as chains already stored were hashed with', () => {
    // The definition the chain was first written with: existing rows must keep verifying.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('any'), { maxKeys: 5 })),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v ?? null)));
      }),
    );
  });

  it('property: an intact chain verifies, and any single edit, deletion or swap is found', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), fc.constantFrom('edit', 'delete', 'swap'), (n, pick, how) => {
        const rows = chain(Array.from({ length: n }, (_, i) => entry(i)), { seq: 0, hash: GENESIS_HASH }, mac);
        const head = { seq: rows[n - 1]!.seq, hash: rows[n - 1]!.hash };
        const intact = new ChainVerifier(mac);
        rows.forEach((r) => intact.push(r));
        expect(intact.finish(head)).toEqual([]);

        const k = pick % n;
        let tampered = [...rows];
        if (how === 'edit') tampered[k] = { ...rows[k]!, actorUsername: 'mallory' };
        if (how === 'delete') tampered = rows.filter((_, i) => i !== k);
        if (how === 'swap' && n > 1) {
          const j = (k + 1) % n;
          tampered[k] = rows[j]!;
          tampered[j] = rows[k]!;
        }
        const verifier = new ChainVerifier(mac);
        tampered.forEach((r) => verifier.push(r));
        expect(verifier.finish(head).length).toBeGreaterThan(0);
      }),
    );
  });
});
