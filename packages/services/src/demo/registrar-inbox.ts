/**
 * The demo registrar's inbox: the synthetic registry follows real rates, so at demo size the registrar's own hub
 * gets only a handful of tumours and, most days, nothing to work. This adds what a county registry office
 * receives in a month — a hospital file with clinically diagnosed cases coded with a specific morphology, a
 * sex/site miscoding, second primaries, reports whose person the index cannot decide, and cancer deaths with no
 * registered tumour — through the same imports, so every worklist has real-looking work in it.
 */
import type { Permission } from '@onconet/domain';
import { DEATH_TEMPLATE_COLUMNS, NOTIFICATION_TEMPLATE_COLUMNS, templateLine } from '@onconet/domain/synthetic/tumours';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import type { Services } from '../app-services.ts';
import { systemActor, type Actor } from '../context.ts';
import type { NetworkMember } from './synthetic-persons.ts';

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedRegistrarInbox(services: Services, network: readonly NetworkMember[], hubCode: string, today: string): Promise<{ notifications: number; deaths: number }> {
  const hub = network.find((i) => i.code === hubCode);
  if (!hub) return { notifications: 0, deaths: 0 };
  const local = network.filter((i) => i.id === hub.id || i.parentId === hub.id).map((i) => i.id);
  const persons = await registryDb(services.database.db)
    .selectFrom('person')
    .select(['id', 'name', 'sex', 'birth_date', 'resident_id', 'division_code', 'address'])
    .where('registered_by', 'in', local)
    .where('merged_into', 'is', null)
    .where('vital_status', '=', 'alive')
    // Persons with an ID number: the provisional persons of the MPI demo's review pairs have none.
    .where('resident_id', 'is not', null)
    .where('id', 'not in', (eb) => eb.selectFrom('tumour').select('person_id'))
    .where('birth_date', '<', addDays(today, -40 * 365))
    .orderBy('id', 'desc')
    .limit(24)
    .execute();
  if (persons.length < 24) return { notifications: 0, deaths: 0 };
  const reported = addDays(today, -10);
  const diagnosed = addDays(today, -60);
  const who = (p: (typeof persons)[number]) => ({ name: p.name, sex: String(p.sex), birth_date: p.birth_date, resident_id: p.resident_id ?? '', division_code: p.division_code ?? '', address: p.address ?? '' });
  const tumour = (ref: string, p: (typeof persons)[number], codes: Record<string, string>, kind = 'hospital') => ({
    source_ref: ref, kind, reported_on: reported, institution: hub.code, ...who(p), incidence_date: diagnosed, behaviour: '3', grade: '9', laterality: '0', detection: 'symptoms', ...codes,
  });
  const rows: Record<string, string>[] = [];
  // Clinically diagnosed (basis 2) yet coded with a specific morphology: IARC basis/morphology warnings to confirm or fix.
  for (const [i, p] of persons.slice(0, 6).entries()) rows.push(tumour(`INBOX-${hub.code}-${i + 1}`, p, { topography: 'C16.2', morphology: '8140', basis: '2', admission_date: diagnosed }));
  // A prostate code on a woman or a cervix code on a man: sex/site errors that must be corrected.
  for (const [i, p] of persons.slice(6, 9).entries()) rows.push(tumour(`INBOX-${hub.code}-${i + 7}`, p, p.sex === 1 ? { topography: 'C53.9', morphology: '8070', basis: '7', histology_date: diagnosed } : { topography: 'C61.9', morphology: '8140', basis: '7', histology_date: diagnosed }, 'pathology'));
  // Two primaries of one person (colon, then lung): the second waits for the registrar's multiple-primary decision.
  for (const [i, p] of persons.slice(9, 12).entries()) {
    rows.push(tumour(`INBOX-${hub.code}-${i + 10}a`, p, { topography: 'C18.7', morphology: '8140', basis: '7', histology_date: addDays(diagnosed, -200) }, 'pathology'));
    rows.push(tumour(`INBOX-${hub.code}-${i + 10}b`, p, { topography: 'C34.1', morphology: '8070', basis: '7', histology_date: diagnosed }, 'pathology'));
  }
  // Name, sex and birth date only: the index cannot tell who it is, so the notification waits for the MPI review.
  for (const [i, p] of persons.slice(12, 15).entries()) rows.push({ ...tumour(`INBOX-${hub.code}-${i + 13}`, p, { topography: 'C22.0', morphology: '8170', basis: '5' }, 'hospital'), resident_id: '', division_code: '', address: '' });
  const deaths = persons.slice(15, 18).map((p, i) => ({ source_ref: `DC-${hub.code}-${i + 1}`, reported_on: reported, institution: hub.code, ...who(p), death_date: addDays(today, -20), underlying_cause: ['C22.9', 'C16.9', 'C34.9'][i]! }));

  const actor: Actor = { ...systemActor(), institutionId: hub.id, permissions: new Set<Permission>([...systemActor().permissions, 'registry.read', 'registry.write']) };
  const csv = (columns: readonly string[], lines: readonly Record<string, string>[]) => Buffer.from([columns.join(','), ...lines.map((l) => templateLine(columns, l))].join('\n'));
  const notes = await services.registry.importNotifications(actor, { fileName: `${hub.code}-inbox.csv`, bytes: csv(NOTIFICATION_TEMPLATE_COLUMNS, rows) });
  if (notes.status === 'rejected') throw new Error(`demo registrar inbox rejected: ${notes.errors.map((e) => e.message).join('; ')}`);
  const died = await services.registry.importDeaths(actor, { fileName: `${hub.code}-deaths-inbox.csv`, bytes: csv(DEATH_TEMPLATE_COLUMNS, deaths) });
  if (died.status === 'rejected') throw new Error(`demo registrar deaths rejected: ${died.errors.map((e) => e.message).join('; ')}`);
  return { notifications: notes.rowsLoaded, deaths: died.rowsLoaded };
}
