-- The network: institutions in three tiers, their parent hub, and single-disease alliances.
-- Institutions are never deleted (history is kept): they are deactivated.
CREATE TABLE institution (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{2,32}$'),
  name_zh       text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en       text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  tier          text NOT NULL CHECK (tier IN ('core', 'hub', 'primary')),
  type          text NOT NULL CHECK (type IN ('cancer_hospital', 'county_tumour_hospital', 'cancer_prevention_office',
                  'standardised_treatment_base', 'collaborating_hospital', 'township_health_centre', 'community_health_centre')),
  parent_id     integer REFERENCES institution (id),
  division_code text NOT NULL CHECK (division_code ~ '^[0-9]{6}([0-9]{3})?$'),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX institution_parent_idx ON institution (parent_id);
CREATE INDEX institution_division_idx ON institution (division_code text_pattern_ops);

CREATE TABLE alliance (
  id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code     text NOT NULL UNIQUE,
  name_zh  text NOT NULL,
  name_en  text NOT NULL,
  site     text NOT NULL DEFAULT ''
);

CREATE TABLE alliance_member (
  alliance_id    integer NOT NULL REFERENCES alliance (id),
  institution_id integer NOT NULL REFERENCES institution (id),
  PRIMARY KEY (alliance_id, institution_id)
);
CREATE INDEX alliance_member_institution_idx ON alliance_member (institution_id);
