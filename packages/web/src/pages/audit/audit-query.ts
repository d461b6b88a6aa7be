import type { AuditFilter } from '../../api/types.ts';

/** What the filter form holds; times are ISO strings already (the picker converts). */
export interface AuditFormValues {
  readonly userId?: number | null;
  readonly personId?: number | string | null;
  readonly institutionId?: number | null;
  readonly action?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** The action prefixes offered in the filter (the server matches `action` as a prefix). */
export const ACTION_GROUPS = ['auth.', 'person.', 'user.', 'institution.', 'token.', 'audit.', 'access.denied', 'demo.'] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The query of GET /api/audit from the form, leaving out what is empty or not a valid id. */
export function auditFilter(values: AuditFormValues, before?: number): AuditFilter {
  const action = values.action?.trim();
  return {
    ...(positiveInt(values.userId) ? { userId: positiveInt(values.userId) } : {}),
    ...(positiveInt(values.personId) ? { personId: positiveInt(values.personId) } : {}),
    ...(positiveInt(values.institutionId) ? { institutionId: positiveInt(values.institutionId) } : {}),
    ...(action ? { action } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
    ...(before !== undefined ? { before } : {}),
    limit: AUDIT_PAGE_SIZE,
  };
}

/**
 * Keyset paging (docs/api.md: `before` = the smallest seq already seen). The stack holds the
 * `before` of each page visited, so "previous" returns to exactly the rows seen, even while new
 * rows are appended at the top of the log.
 */
export interface Paging {
  readonly stack: readonly (number | undefined)[];
}

export type PagingAction = { readonly kind: 'reset' } | { readonly kind: 'next'; readonly before: number } | { readonly kind: 'previous' };

export const FIRST_PAGE: Paging = { stack: [undefined] };

export function paging(state: Paging, action: PagingAction): Paging {
  switch (action.kind) {
    case 'reset':
      return FIRST_PAGE;
    case 'next':
      return { stack: [...state.stack, action.before] };
    case 'previous':
      return state.stack.length > 1 ? { stack: state.stack.slice(0, -1) } : state;
  }
}

export const currentBefore = (state: Paging): number | undefined => state.stack[state.stack.length - 1];
export const pageNumber = (state: Paging): number => state.stack.length;
