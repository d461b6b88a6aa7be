import type { ResolvedScope } from '@onconet/domain';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * The data-scope predicate on `person`, placed inside the query so that no out-of-scope row is ever read
 * into the application: a person is visible when an institution in scope holds records of them or, for a
 * region scope, when they reside in the region. An aggregate-only scope sees no person at all.
 */
export function personInScope(eb: ExpressionBuilder<DB, 'person'>, scope: ResolvedScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'aggregate':
      return sql<boolean>`false`;
    case 'institutions': {
      const ids = scope.institutionIds.length > 0 ? scope.institutionIds : [-1];
      const held = eb.exists(
        eb.selectFrom('person_institution as pi').select(sql`1`.as('one')).whereRef('pi.person_id', '=', 'person.id').where('pi.institution_id', 'in', ids),
      );
      if (scope.divisionPrefix === null) return held;
      const prefix = `${scope.divisionPrefix.replace(/[%_\\]/g, '')}%`;
      return eb.or([held, sql<boolean>`person.division_code COLLATE "C" LIKE ${prefix}`]);
    }
  }
}
