import { CHONGQING, CHONGQING_COUNTIES } from '@onconet/domain/codes/divisions/chongqing';
import { incidenceReport, type IncidenceReport } from '@onconet/domain/epi/report/incidence-report';
import { ci5Layout, ci5PersonYears, type Ci5Row } from '@onconet/domain/epi/report/ci5-table';
import { ci5CancerOf } from '@onconet/domain/registry/ci5-cancers';
import { survivalReport, type ReportSurvivalMethod, type SurvivalGrouping, type SurvivalReport } from '@onconet/domain/epi/report/survival-report';
import { CHINA_MODEL_LABEL, chinaModelLifeTable } from '@onconet/domain/epi/life-table/china-model';
import { toRateTable, type RateTable } from '@onconet/domain/epi/life-table/rate-table';
import { icd10Category, type SiteGroupScheme } from '@onconet/domain/epi/site-groups/site-group';
import { CI5_GROUPS } from '@onconet/domain/epi/site-groups/ci5-groups';
import { NCCR_GROUPS } from '@onconet/domain/epi/site-groups/nccr-groups';
import { populationCells, populationYears, survivalCases, tumourTallies } from '@onconet/storage/queries/statistics';
import type { DB } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { Clock } from '../clock.ts';
import { requirePermission, type Actor } from '../context.ts';
import { notFound, validationError } from '../errors.ts';

export interface IncidenceQuery {
  /** A GB/T 2260 code (500000 for all of Chongqing, or a district/county); or an institution whose county is the catchment. */
  readonly division?: string;
  readonly institutionId?: number;
  readonly fromYear: number;
  readonly toYear: number;
  readonly scheme: SiteGroupScheme;
}

export interface SurvivalQuery extends IncidenceQuery {
  readonly site: string;
  readonly method: ReportSurvivalMethod;
  readonly groupBy: SurvivalGrouping;
}

export interface SurvivalAnswer extends SurvivalReport {
  readonly catchment: Catchment;
  readonly closingDate: string;
  readonly lifeTable: string | null;
  readonly minimumPatients: number | null;
}

export interface Catchment {
  readonly divisionCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface IncidenceAnswer extends IncidenceReport {
  readonly catchment: Catchment;
  /** Counts below this are hidden for this reader (aggregate-only and scoped readers); null: none hidden. */
  readonly suppressBelow: number | null;
}

const DIVISIONS = [CHONGQING, ...CHONGQING_COUNTIES];

function knownSite(scheme: SiteGroupScheme, site: string): boolean {
  if (site === 'all') return true;
  if (scheme === 'icd10') return icd10Category(site)?.id === site;
  return (scheme === 'nccr' ? NCCR_GROUPS : CI5_GROUPS).groups.some((g) => g.id === site);
}

/** A province code (xx0000) covers every division starting with its two digits. */
const prefixOf = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code);

/**
 * Incidence statistics for a catchment from the registry's tumours and the population table. Only aggregates
 * leave this service; readers without the whole network's scope get small cells suppressed (issue 5).
 */
export class StatisticsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly suppressionThreshold = 10,
  ) {}

  private rates: RateTable | null = null;

  catchments(actor: Actor): Catchment[] {
    requirePermission(actor, 'stats.read');
    return DIVISIONS.map((d) => ({ divisionCode: d.code, nameZh: d.nameZh, nameEn: d.nameEn }));
  }

  async years(actor: Actor): Promise<number[]> {
    requirePermission(actor, 'stats.read');
    return populationYears(this.db);
  }

  async incidence(actor: Actor, query: IncidenceQuery): Promise<IncidenceAnswer> {
    const { catchment, filter } = await this.prepare(actor, query);
    const [cases, population] = await Promise.all([tumourTallies(this.db, filter), populationCells(this.db, filter)]);
    const suppressBelow = this.hiddenBelow(actor);
    const report = incidenceReport(cases, population, { scheme: query.scheme, suppressBelow });
    await this.recordAccess(actor, 'stats.incidence', query, { division: catchment.divisionCode, scheme: query.scheme, suppressed: suppressBelow !== null });
    return { ...report, catchment, suppressBelow };
  }

  /**
   * The catchment's cases and person-years in the CI5 layout (registry, cancer, sex, age_group, cases, py), named
   * after the catchment; suppressed for the same readers as the incidence table.
   */
  async ci5(actor: Actor, query: IncidenceQuery): Promise<{ catchment: Catchment; suppressBelow: number | null; rows: Ci5Row[] }> {
    const { catchment, filter } = await this.prepare(actor, query);
    const [cases, population] = await Promise.all([tumourTallies(this.db, filter), populationCells(this.db, filter)]);
    const tallies = cases.flatMap((c) => {
      const cancer = c.icd10 === null ? null : ci5CancerOf(c.icd10);
      return cancer === null ? [] : [{ cancer, sex: c.sex, age: c.age, count: c.count }];
    });
    const suppressBelow = this.hiddenBelow(actor);
    const rows = ci5Layout(tallies, ci5PersonYears(population), { registry: catchment.nameEn, suppressBelow });
    await this.recordAccess(actor, 'stats.ci5', query, { division: catchment.divisionCode, suppressed: suppressBelow !== null });
    return { catchment, suppressBelow, rows };
  }

  /**
   * Observed (Kaplan–Meier) or net (Pohar-Perme) survival of a site's registered tumours, followed to death or to
   * today. Net survival uses the demo's model life table until a region loads its own.
   */
  async survival(actor: Actor, query: SurvivalQuery): Promise<SurvivalAnswer> {
    const { catchment, filter } = await this.prepare(actor, query);
    if (!knownSite(query.scheme, query.site)) throw validationError([{ field: 'site', code: 'unknown', message: `site: ${query.site} is not a site group of the ${query.scheme} scheme (or all)` }]);
    const cases = await survivalCases(this.db, filter);
    const closingDate = this.clock.now().toISOString().slice(0, 10);
    const minimumPatients = this.hiddenBelow(actor);
    const rates = query.method === 'pohar-perme' ? (this.rates ??= toRateTable(chinaModelLifeTable())) : undefined;
    const report = survivalReport(cases, { scheme: query.scheme, site: query.site, closingDate, method: query.method, groupBy: query.groupBy, rates, minimumPatients });
    await this.recordAccess(actor, 'stats.survival', query, { division: catchment.divisionCode, site: query.site, method: query.method });
    return { ...report, catchment, closingDate, lifeTable: rates ? CHINA_MODEL_LABEL : null, minimumPatients };
  }

  /** Permission, catchment and years, checked the same way for every statistic. */
  private async prepare(actor: Actor, query: IncidenceQuery) {
    requirePermission(actor, 'stats.read');
    const catchment = await this.catchmentOf(query);
    if (query.toYear < query.fromYear) throw validationError([{ field: 'to', code: 'range', message: 'to: must not be before from' }]);
    if (query.toYear - query.fromYear > 30) throw validationError([{ field: 'to', code: 'range', message: 'to: at most 31 years at once' }]);
    return { catchment, filter: { divisionPrefix: prefixOf(catchment.divisionCode), fromYear: query.fromYear, toYear: query.toYear } };
  }

  /** Readers without the whole network's scope see no small counts (issue 5: aggregate-only and scoped users). */
  private hiddenBelow(actor: Actor): number | null {
    return actor.scope.kind === 'network' ? null : this.suppressionThreshold;
  }

  private recordAccess(actor: Actor, action: string, query: IncidenceQuery, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record(actor, { action, entityType: 'statistics', entityId: null, personId: null, institutionId: query.institutionId ?? null, detail: { ...detail, from: query.fromYear, to: query.toYear } });
  }

  private async catchmentOf(query: IncidenceQuery): Promise<Catchment> {
    if (query.institutionId !== undefined) {
      const institution = await this.db.selectFrom('institution').select('division_code').where('id', '=', query.institutionId).executeTakeFirst();
      if (!institution) throw notFound('institution');
      return this.division(institution.division_code.slice(0, 6), 'institution');
    }
    return this.division(query.division ?? CHONGQING.code, 'division');
  }

  private division(code: string, field: string): Catchment {
    const found = DIVISIONS.find((d) => d.code === code);
    if (!found) throw validationError([{ field, code: 'unknown', message: `${field}: ${code} is not a Chongqing district or county code (GB/T 2260)` }]);
    return { divisionCode: found.code, nameZh: found.nameZh, nameEn: found.nameEn };
  }
}
