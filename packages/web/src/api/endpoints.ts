import type { ApiClient } from './client.ts';
import type {
  Alliance,
  ApiToken,
  AuditFilter,
  AuditPage,
  AuditVerification,
  CreatedToken,
  Division,
  Institution,
  InstitutionInput,
  Items,
  Person,
  PersonInput,
  PersonSummary,
  SignedIn,
  User,
  UserCreate,
  UserPatch,
} from './types.ts';

/** Every route of docs/api.md the web app uses, typed; nothing else builds URLs. */
export function endpoints(client: ApiClient) {
  const id = (value: number) => encodeURIComponent(String(value));
  return {
    login: (username: string, password: string) => client.post<SignedIn>('/api/auth/login', { username, password }),
    logout: () => client.post<void>('/api/auth/logout'),
    me: () => client.get<SignedIn>('/api/auth/me'),
    changePassword: (currentPassword: string, newPassword: string) => client.post<void>('/api/auth/password', { currentPassword, newPassword }),

    institutions: (includeInactive: boolean) => client.get<Items<Institution>>('/api/institutions', { includeInactive: includeInactive ? 'true' : undefined }),
    createInstitution: (input: InstitutionInput) => client.post<Institution>('/api/institutions', input),
    updateInstitution: (institutionId: number, patch: Partial<InstitutionInput>) => client.patch<Institution>(`/api/institutions/${id(institutionId)}`, patch),
    setInstitutionActive: (institutionId: number, active: boolean) =>
      client.post<Institution>(`/api/institutions/${id(institutionId)}/${active ? 'reactivate' : 'deactivate'}`),
    alliances: () => client.get<Items<Alliance>>('/api/alliances'),
    divisions: () => client.get<Items<Division>>('/api/divisions'),

    users: () => client.get<Items<User>>('/api/users'),
    createUser: (input: UserCreate) => client.post<User>('/api/users', input),
    updateUser: (userId: number, patch: UserPatch) => client.patch<User>(`/api/users/${id(userId)}`, patch),
    resetPassword: (userId: number, password: string) => client.post<void>(`/api/users/${id(userId)}/reset-password`, { password }),

    searchPersons: (q: string, limit = 20) => client.get<Items<PersonSummary>>('/api/persons', { q, limit }),
    person: (personId: number) => client.get<Person>(`/api/persons/${id(personId)}`),
    createPerson: (input: PersonInput) => client.post<Person>('/api/persons', input),
    updatePerson: (personId: number, patch: PersonInput) => client.patch<Person>(`/api/persons/${id(personId)}`, patch),

    audit: (filter: AuditFilter) => client.get<AuditPage>('/api/audit', { ...filter }),
    verifyAudit: () => client.get<AuditVerification>('/api/audit/verify'),

    tokens: () => client.get<Items<ApiToken>>('/api/tokens'),
    createToken: (name: string) => client.post<CreatedToken>('/api/tokens', { name }),
    revokeToken: (tokenId: number) => client.delete<void>(`/api/tokens/${id(tokenId)}`),
  };
}

export type Api = ReturnType<typeof endpoints>;
