/**
 * The programme definitions the network runs: the domain's shipped definitions (PROGRAMMES) after the network's
 * overrides (validated by the domain's configureProgramme), kept in screening_programme_config.
 */
import { configureProgramme, PROGRAMMES } from '@onconet/domain';
import { PROGRAMME_CODES, type ProgrammeCode, type ProgrammeDefinition, type ProgrammeOverrides } from '@onconet/domain/screening/types';
import type { Kysely } from 'kysely';
import type { ScreeningDB } from '@onconet/storage/queries/screening-tables';
import { parseJson } from './path.ts';

export type ProgrammeView = ProgrammeDefinition & { readonly overrides: ProgrammeOverrides };

export const isProgrammeCode = (v: unknown): v is ProgrammeCode => typeof v === 'string' && (PROGRAMME_CODES as readonly string[]).includes(v);

export class ProgrammeCatalogue {
  private views: Map<ProgrammeCode, ProgrammeView> | null = null;

  constructor(private readonly db: Kysely<ScreeningDB>) {}

  /** Loads the overrides once; `invalidate` after a change. */
  async load(): Promise<ReadonlyMap<ProgrammeCode, ProgrammeView>> {
    if (this.views) return this.views;
    const rows = await this.db.selectFrom('screening_programme_config').select(['programme_code', 'overrides']).execute();
    const overrides = new Map(rows.map((r) => [r.programme_code, parseJson<ProgrammeOverrides>(r.overrides)]));
    const views = new Map<ProgrammeCode, ProgrammeView>();
    for (const code of PROGRAMME_CODES) {
      const base = PROGRAMMES[code];
      const o = overrides.get(code) ?? {};
      const configured = configureProgramme(base, o);
      // A stored override the current rules refuse (e.g. after a programme update) falls back to the defaults.
      views.set(code, { ...(configured.ok ? configured.value : base), overrides: configured.ok ? o : {} });
    }
    this.views = views;
    return views;
  }

  invalidate(): void {
    this.views = null;
  }

  /** A synchronous lookup for code paths that loaded the catalogue first. */
  static lookup(views: ReadonlyMap<ProgrammeCode, ProgrammeView>): (code: ProgrammeCode) => ProgrammeDefinition {
    return (code) => {
      const view = views.get(code);
      if (!view) throw new Error(`unknown programme ${code}`);
      return view;
    };
  }
}
