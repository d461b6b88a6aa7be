import { classifyPersonQuery, validatePerson, type PersonInput } from '@onconet/domain';
import { findPersonInScope, personIdentifiers, personValues, searchPersons, type DB, type PersonSummaryRow } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import type { MpiService } from '../mpi/mpi-service.ts';
import { requirePermission, type Actor } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';

export interface PersonSummary {
  id: number;
  name: string;
  namePinyin: string;
  sex: number;
  birthDate: string;
  residentId: string | null;
  phone: string | null;
  divisionCode: string | null;
  vitalStatus: string;
}

export const summarise = (p: PersonSummaryRow): PersonSummary => ({
  id: p.id,
  name: p.name,
  namePinyin: p.name_pinyin,
  sex: p.sex,
  birthDate: p.birth_date,
  residentId: p.resident_id,
  phone: p.phone,
  divisionCode: p.division_code,
  vitalStatus: p.vital_status,
});

/** Every read and write of a person goes through the actor's scope and into the audit log. */
export class PersonService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly mpi: MpiService,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  async search(actor: Actor, q: unknown, limit = 20): Promise<PersonSummary[]> {
    requirePermission(actor, 'persons.read');
    if (typeof q !== 'string' || q.trim() === '' || q.length > 64) throw validationError([{ field: 'q', code: 'required', message: 'q: a name, pinyin, ID number, MRN or phone (1–64 characters)' }]);
    const query = classifyPersonQuery(q);
    if (!query) return [];
    const rows = await searchPersons(this.db, actor.scope, query, Math.min(Math.max(limit, 1), 100));
    await this.audit.record(actor, { action: 'person.search', entityType: 'person', entityId: null, personId: null, institutionId: null, detail: { kind: query.kind, returned: rows.map((r) => r.id) } });
    return rows.map(summarise);
  }

  async get(actor: Actor, id: number) {
    requirePermission(actor, 'persons.read');
    const row = await findPersonInScope(this.db, actor.scope, id);
    if (!row) {
      await this.audit.record(actor, { action: 'person.read', outcome: 'denied', entityType: 'person', entityId: String(id), personId: null, institutionId: null, detail: null });
      throw notFound('person');
    }
    const identifiers = await personIdentifiers(this.db, id);
    await this.audit.record(actor, { action: 'person.read', entityType: 'person', entityId: String(id), personId: id, institutionId: null, detail: null });
    return { ...summarise(row), address: row.address, deathDate: row.death_date, registeredBy: row.registered_by, identifiers, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /** Registration goes through the master patient index: the answer is the person the record joined or created. */
  async create(actor: Actor, input: PersonInput) {
    requirePermission(actor, 'persons.write');
    if (actor.institutionId <= 0) throw new AppError('forbidden', 'persons are registered by a user of an institution');
    const checked = validatePerson(input, this.today());
    if (!checked.ok) throw validationError(checked.errors);
    const { personId } = await this.mpi.register(actor, checked.value, 'registration');
    return this.get(actor, personId);
  }

  async update(actor: Actor, id: number, patch: PersonInput) {
    requirePermission(actor, 'persons.write');
    const current = await findPersonInScope(this.db, actor.scope, id);
    if (!current) throw notFound('person');
    const merged: PersonInput = {
      name: current.name,
      sex: current.sex,
      birthDate: current.birth_date,
      residentId: current.resident_id,
      phone: current.phone,
      divisionCode: current.division_code,
      address: current.address,
      vitalStatus: current.vital_status,
      deathDate: current.death_date,
      ...patch,
      identifiers: patch.identifiers ?? [],
    };
    const checked = validatePerson(merged, this.today());
    if (!checked.ok) throw validationError(checked.errors);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('person').set({ ...personValues(checked.value), updated_at: new Date() }).where('id', '=', id).execute();
      if (checked.value.identifiers.length > 0) {
        await tx
          .insertInto('person_identifier')
          .values(checked.value.identifiers.map((i) => ({ person_id: id, institution_id: actor.institutionId, kind: i.kind, value: i.value })))
          .onConflict((oc) => oc.doNothing())
          .execute();
        await tx.insertInto('person_institution').values({ person_id: id, institution_id: actor.institutionId }).onConflict((oc) => oc.doNothing()).execute();
      }
      await this.audit.appendInTransaction(tx, actor, [{ action: 'person.update', entityType: 'person', entityId: String(id), personId: id, institutionId: actor.institutionId, detail: { fields: Object.keys(patch) } }]);
    });
    return this.get(actor, id);
  }
}
