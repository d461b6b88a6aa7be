import { Type, type TSchema } from 'typebox';

/** Response and request shapes shared by routes; they also feed the OpenAPI document. */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) }, { additionalProperties: false });

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
});

export const Institution = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  tier: Type.String(),
  type: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  divisionCode: Type.String(),
  active: Type.Boolean(),
  alliances: Type.Array(Type.String()),
});

export const InstitutionInput = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 32 })),
    nameZh: Type.Optional(Type.String({ maxLength: 200 })),
    nameEn: Type.Optional(Type.String({ maxLength: 200 })),
    tier: Type.Optional(Type.String({ maxLength: 16 })),
    type: Type.Optional(Type.String({ maxLength: 40 })),
    parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    divisionCode: Type.Optional(Type.String({ maxLength: 9 })),
    alliances: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const PersonSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  namePinyin: Type.String(),
  sex: Type.Integer(),
  birthDate: Type.String(),
  residentId: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  divisionCode: Type.Union([Type.String(), Type.Null()]),
  vitalStatus: Type.String(),
});

export const Person = Type.Intersect([
  PersonSummary,
  Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    deathDate: Type.Union([Type.String(), Type.Null()]),
    registeredBy: Type.Integer(),
    identifiers: Type.Array(Type.Object({ institutionId: Type.Integer(), institutionCode: Type.String(), kind: Type.String(), value: Type.String() })),
    createdAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }),
    updatedAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }),
  }),
]);

const text = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
/** Types are checked here; the rules (check digit, dates, consistency) by the domain, both naming the field. */
export const PersonInput = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    sex: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 8 })])),
    birthDate: Type.Optional(Type.String({ maxLength: 10 })),
    residentId: text(32),
    phone: text(32),
    divisionCode: text(9),
    address: text(200),
    vitalStatus: Type.Optional(Type.String({ maxLength: 16 })),
    deathDate: text(10),
    identifiers: Type.Optional(Type.Array(Type.Object({ kind: Type.Optional(Type.String({ maxLength: 16 })), value: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  institution: Type.Object({ id: Type.Integer(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), tier: Type.String() }),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  scope: Type.Object({ kind: Type.String(), region: Type.Union([Type.String(), Type.Null()]) }),
  mustChangePassword: Type.Boolean(),
  locale: Type.String(),
});

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  institutionId: Type.Integer(),
  roles: Type.Array(Type.String()),
  scopeKind: Type.String(),
  scopeRegion: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), Type.Null()]),
});

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** Standard error responses documented on every route. */
export const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, Problem]));
