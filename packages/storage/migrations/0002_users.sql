-- Users, their roles and data scope, sessions and API tokens. Secrets are stored only as hashes.
CREATE TABLE app_user (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
  display_name         text NOT NULL,
  institution_id       integer NOT NULL REFERENCES institution (id),
  scope_kind           text NOT NULL CHECK (scope_kind IN ('institution', 'hub', 'region', 'network', 'aggregate')),
  scope_region         text CHECK (scope_region ~ '^[0-9]{6}$'),
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  locale               text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_institution_idx ON app_user (institution_id);

CREATE TABLE user_role (
  user_id integer NOT NULL REFERENCES app_user (id),
  role    text NOT NULL CHECK (role IN ('system_admin', 'network_admin', 'institution_admin', 'registrar',
            'screening_coordinator', 'clinician', 'mdt_coordinator', 'followup_nurse', 'analyst', 'auditor')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE user_session (
  token_hash   text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at     timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_token (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user (id),
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
