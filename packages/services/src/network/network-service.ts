import { validateInstitution, type InstitutionFields, type ScopeNode, type Tier } from '@onconet/domain';
import { allDivisions, divisionLevel, lookupDivision, parentDivision } from '@onconet/domain/codes/divisions/divisions';
import { listInstitutions, setAlliances, type DB, type InstitutionRow } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';

/** As received: every field is checked by the domain rule, so the type promises nothing about values. */
export type InstitutionInput = Partial<Record<keyof InstitutionFields, unknown>> & { readonly alliances?: readonly string[] };

function unknownDivision(code: unknown) {
  return typeof code === 'string' && /^\d{6}(\d{3})?$/.test(code) && !lookupDivision(code)
    ? [{ field: 'divisionCode', code: 'unknown', message: `divisionCode: ${code} is not a known GB/T 2260 division of the network's region` }]
    : [];
}

/**
 * The network is small and read on every sign-in (scope resolution), so it is cached in memory and
 * the cache is dropped on every change made through this service.
 */
export class NetworkService {
  private cache: InstitutionRow[] | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
  ) {}

  async all(): Promise<InstitutionRow[]> {
    this.cache ??= await listInstitutions(this.db, true);
    return this.cache;
  }

  /** For writers that change institutions outside this service (the demo loader). */
  invalidate(): void {
    this.cache = null;
  }

  async scopeNodes(): Promise<ScopeNode[]> {
    return (await this.all()).filter((i) => i.active).map((i) => ({ id: i.id, parentId: i.parentId, divisionCode: i.divisionCode }));
  }

  async list(actor: Actor, includeInactive: boolean): Promise<InstitutionRow[]> {
    requirePermission(actor, 'network.read');
    return (await this.all()).filter((i) => includeInactive || i.active);
  }

  async get(actor: Actor, id: number): Promise<InstitutionRow> {
    requirePermission(actor, 'network.read');
    const found = (await this.all()).find((i) => i.id === id);
    if (!found) throw notFound('institution');
    return found;
  }

  async alliances(actor: Actor) {
    requirePermission(actor, 'network.read');
    const rows = await this.db
      .selectFrom('alliance as a')
      .leftJoin('alliance_member as m', 'm.alliance_id', 'a.id')
      .select(['a.id', 'a.code', 'a.name_zh as nameZh', 'a.name_en as nameEn', 'a.site', 'm.institution_id'])
      .orderBy('a.id')
      .execute();
    const byId = new Map<number, { id: number; code: string; nameZh: string; nameEn: string; site: string; memberIds: number[] }>();
    for (const r of rows) {
      const entry = byId.get(r.id) ?? { id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, site: r.site, memberIds: [] };
      if (r.institution_id !== null) entry.memberIds.push(r.institution_id);
      byId.set(r.id, entry);
    }
    return [...byId.values()];
  }

  /** GB/T 2260 divisions for pickers: province, districts and counties, and their (synthetic) townships. */
  divisions(actor: Actor) {
    requirePermission(actor, 'network.read');
    return allDivisions().map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, level: divisionLevel(d.code) ?? 'county', parent: parentDivision(d.code) }));
  }

  private async parentTier(parentId: unknown): Promise<Tier | null | undefined> {
    if (parentId === null || parentId === undefined) return null;
    const parent = (await this.all()).find((i) => i.id === parentId && i.active);
    return parent ? (parent.tier as Tier) : undefined;
  }

  async create(actor: Actor, input: InstitutionInput): Promise<InstitutionRow> {
    requirePermission(actor, 'network.manage');
    const errors = [...validateInstitution(input, await this.parentTier(input.parentId)), ...unknownDivision(input.divisionCode)];
    if (errors.length > 0) throw validationError(errors);
    const fields = input as unknown as InstitutionFields;
    const id = await this.db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('institution')
        .values({ code: fields.code, name_zh: fields.nameZh.trim(), name_en: fields.nameEn.trim(), tier: fields.tier, type: fields.type, parent_id: fields.parentId ?? null, division_code: fields.divisionCode })
        .returning('id')
        .executeTakeFirstOrThrow();
      const missing = await setAlliances(tx, id, input.alliances ?? []);
      if (missing.length > 0) throw validationError([{ field: 'alliances', code: 'unknown', message: `alliances: unknown alliance ${missing.join(', ')}` }]);
      await this.audit.appendInTransaction(tx, actor, [{ action: 'institution.create', entityType: 'institution', entityId: String(id), personId: null, institutionId: id, detail: { code: fields.code } }]);
      return id;
    });
    this.cache = null;
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, patch: InstitutionInput): Promise<InstitutionRow> {
    requirePermission(actor, 'network.manage');
    const current = await this.get(actor, id);
    const merged = { ...current, ...patch } as InstitutionFields & { alliances: readonly string[] };
    if (merged.parentId === id) throw validationError([{ field: 'parentId', code: 'self', message: 'parentId: an institution cannot be its own parent' }]);
    const errors = [...validateInstitution(merged, await this.parentTier(merged.parentId)), ...unknownDivision(merged.divisionCode)];
    if (errors.length > 0) throw validationError(errors);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('institution')
        .set({ code: merged.code, name_zh: merged.nameZh.trim(), name_en: merged.nameEn.trim(), tier: merged.tier, type: merged.type, parent_id: merged.parentId, division_code: merged.divisionCode, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (patch.alliances) {
        const missing = await setAlliances(tx, id, patch.alliances);
        if (missing.length > 0) throw validationError([{ field: 'alliances', code: 'unknown', message: `alliances: unknown alliance ${missing.join(', ')}` }]);
      }
      await this.audit.appendInTransaction(tx, actor, [{ action: 'institution.update', entityType: 'institution', entityId: String(id), personId: null, institutionId: id, detail: { fields: Object.keys(patch) } }]);
    });
    this.cache = null;
    return this.get(actor, id);
  }

  /** Institutions are never deleted: history (persons, users, audit) keeps pointing at them. */
  async setActive(actor: Actor, id: number, active: boolean): Promise<InstitutionRow> {
    requirePermission(actor, 'network.manage');
    const current = await this.get(actor, id);
    if (!active && (await this.all()).some((i) => i.parentId === id && i.active)) {
      throw new AppError('conflict', 'deactivate or move the institutions under this one first');
    }
    if (active && current.parentId !== null && !(await this.all()).some((i) => i.id === current.parentId && i.active)) {
      throw new AppError('conflict', 'reactivate the parent institution first');
    }
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('institution').set({ active, updated_at: new Date() }).where('id', '=', id).execute();
      await this.audit.appendInTransaction(tx, actor, [{ action: active ? 'institution.reactivate' : 'institution.deactivate', entityType: 'institution', entityId: String(id), personId: null, institutionId: id, detail: null }]);
    });
    this.cache = null;
    return this.get(actor, id);
  }
}
