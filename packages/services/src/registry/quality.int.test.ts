import fc from 'fast-check';
import { CHINA_2017_REFERENCE, DEFAULT_TIMELINESS_DAYS, EMPTY_TALLY, qualityIndicators, tally, type QualityTally } from '@onconet/domain/registry/data-quality';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { qualityCounts, refreshQualityCube } from '@onconet/storage/queries/registry-quality';
import { openTestDatabase, testDatabaseKind } from '@onconet/storage/testing/test-database';
import type { Database } from '@onconet/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app-services.ts';
import { systemActor } from '../context.ts';
import type { BasisCode } from '@onconet/domain/codes/basis';
import { qualityTable } from './quality.ts';

/** Random reportable tumours: every basis, C80 and other sites, 8000/8001 and specific morphologies, unknown ages, delays around the target. */
const tumourArb = fc.record({
  basis: fc.integer({ min: 0, max: 9 }),
  topography: fc.constantFrom('C16.9', 'C34.1', 'C80.9', 'C22.0', 'C50.4'),
  morphology: fc.constantFrom('8000', '8001', '8140', '8070', '8500'),
  age: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  incidence: fc.integer({ min: 0, max: 4 * 365 }),
  delay: fc.integer({ min: 0, max: 800 }),
  sex: fc.constantFrom(1, 2),
});

const isoDay = (start: string, days: number) => new Date(Date.parse(start) + days * 86_400_000).toISOString().slice(0, 10);

/** The quality cube counts in SQL what domain registry/data-quality.ts defines; this holds the two to one definition. */
describe(`data-quality counts in SQL equal the domain's definitions (${testDatabaseKind()})`, () => {
  let database: Database;
  let personId: number;
  let institutionId: number;

  beforeAll(async () => {
    database = await openTestDatabase();
    const services = createServices(database, { auditKey: 'quality-test' });
    const core = await services.network.create(systemActor(), { code: 'CORE', nameZh: '核心医院', nameEn: 'Core', tier: 'core', type: 'cancer_hospital', parentId: null, divisionCode: '500106' });
    institutionId = core.id;
    personId = (await services.persons.create({ ...systemActor(), institutionId: core.id }, { name: '质控测试', sex: 1, birthDate: '1950-01-01' })).id;
  });
  afterAll(async () => database.close());

  it('gives the same tally and indicators for any set of tumours', async () => {
    const samples = fc.sample(fc.array(tumourArb, { minLength: 1, maxLength: 80 }), { numRuns: 6, seed: 20261123 });
    for (const tumours of samples) {
      const db = registryDb(database.db);
      await db.deleteFrom('tumour').execute();
      let expected: QualityTally = EMPTY_TALLY;
      const rows = tumours.map((t) => {
        const incidenceDate = isoDay('2019-01-01', t.incidence);
        const reportDate = isoDay(incidenceDate, t.delay);
        const icd10 = t.topography === 'C80.9' ? 'C80.9' : t.topography;
        expected = tally(expected, { basis: t.basis as BasisCode, topography: t.topography, morphology: t.morphology, age: t.age, incidenceDate, reportDate }, DEFAULT_TIMELINESS_DAYS);
        return {
          grade: 9, laterality: 0, detection: 'unknown', person_id: personId, incidence_date: incidenceDate, incidence_rule: 'histology', topography: t.topography, morphology: t.morphology,
          behaviour: 3, basis: t.basis, icd10, ci5_cancer: 0, registry_scope: 'reportable', sex: t.sex, age: t.age, county_code: '500106', institution_id: institutionId, first_reported_on: reportDate,
        };
      });
      await db.insertInto('tumour').values(rows).execute();
      await database.exec('UPDATE registry_quality_state SET stale = true WHERE id = 1');
      await refreshQualityCube(db, DEFAULT_TIMELINESS_DAYS);
      const [sqlRow] = await qualityCounts(db, { kind: 'network' }, [], { timelinessDays: DEFAULT_TIMELINESS_DAYS });
      const { year: _y, site: _s, sex: _x, institution: _i, county: _c, ...counted } = sqlRow!;
      expect(counted).toEqual(expected);
      const table = await qualityTable(db, { kind: 'network' }, [], {});
      expect(table.total).toEqual(qualityIndicators(expected, 0));
      expect(table.reference).toEqual(CHINA_2017_REFERENCE);
    }
  });
});
