import { CHONGQING, CHONGQING_COUNTIES } from '@onconet/domain/codes/divisions/chongqing';
import { incidenceReport, type IncidenceReport } from '@onconet/domain/epi/report/incidence-report';
import type { SiteGroupScheme } from '@onconet/domain/epi/site-groups/site-group';
import { populationCells, populationYears, tumourTallies } from '@onconet/storage/queries/statistics';
import type { DB } from '@onconet/storage';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/audit-writer.ts';
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
    private readonly suppressionThreshold = 10,
  ) {}

  catchments(actor: Actor): Catchment[] {
    requirePermission(actor, 'stats.read');
    return DIVISIONS.map((d) => ({ divisionCode: d.code, nameZh: d.nameZh, nameEn: d.nameEn }));
  }

  async years(actor: Actor): Promise<number[]> {
    requirePermission(actor, 'stats.read');
    return populationYears(this.db);
  }

  async incidence(actor: Actor, query: IncidenceQuery): Promise<IncidenceAnswer> {
    requirePermission(actor, 'stats.read');
    const catchment = await this.catchmentOf(query);
    if (query.toYear < query.fromYear) throw validationError([{ field: 'to', code: 'range', message: 'to: must not be before from' }]);
    if (query.toYear - query.fromYear > 30) throw validationError([{ field: 'to', code: 'range', message: 'to: at most 31 years at once' }]);
    const filter = { divisionPrefix: prefixOf(catchment.divisionCode), fromYear: query.fromYear, toYear: query.toYear };
    const [cases, population] = await Promise.all([tumourTallies(this.db, filter), populationCells(this.db, filter)]);
    const suppressBelow = actor.scope.kind === 'network' ? null : this.suppressionThreshold;
    const report = incidenceReport(cases, population, { scheme: query.scheme, suppressBelow });
    await this.audit.record(actor, {
      action: 'stats.incidence',
      entityType: 'statistics',
      entityId: null,
      personId: null,
      institutionId: query.institutionId ?? null,
      detail: { division: catchment.divisionCode, from: query.fromYear, to: query.toYear, scheme: query.scheme, suppressed: suppressBelow !== null },
    });
    return { ...report, catchment, suppressBelow };
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
