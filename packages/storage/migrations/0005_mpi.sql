-- Master patient index (issue 3). A person is the golden record; every time a source (registration,
-- hospital notification, screening, pathology, death record, import) reports someone, the report is kept
-- as received in person_record with its provenance and the decision that linked it.
ALTER TABLE person ADD COLUMN merged_into bigint REFERENCES person (id);
CREATE INDEX person_merged_into_idx ON person (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE person_record (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id         bigint NOT NULL REFERENCES person (id),
  source            text NOT NULL CHECK (source IN ('registration', 'hospital', 'screening', 'pathology', 'death', 'import', 'notification')),
  institution_id    integer NOT NULL REFERENCES institution (id),
  source_ref        text CHECK (length(source_ref) BETWEEN 1 AND 100),
  name              text NOT NULL,
  name_pinyin       text NOT NULL,
  sex               smallint CHECK (sex IN (1, 2)),
  birth_date        date,
  resident_id       text,
  phone             text,
  division_code     text,
  address           text,
  vital_status      text,
  death_date        date,
  -- The identifiers (MRNs…) as the source reported them.
  identifiers       jsonb NOT NULL DEFAULT '[]',
  link_kind         text NOT NULL CHECK (link_kind IN ('new', 'auto', 'review', 'existing')),
  match_probability double precision,
  received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_record_person_idx ON person_record (person_id, id);
CREATE UNIQUE INDEX person_record_source_ref_idx ON person_record (institution_id, source, source_ref) WHERE source_ref IS NOT NULL;

-- Blocking keys, one definition used both to index persons and to look up an incoming record, so the two
-- can never drift apart. Keys are hashed to bigint (a collision only adds a candidate, which the model
-- then scores) to keep the index small at millions of persons. Rules: resident ID; phone; surname pinyin
-- + birth date (homophones, traditional/simplified and pinyin-only spellings share the pinyin); given-name
-- pinyin + birth year + county (catches a wrong day or month, and a changed surname reading).
CREATE FUNCTION mpi_block_keys(name_pinyin text, birth_date date, resident_id text, phone text, division_code text)
RETURNS bigint[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY[
    hashtextextended('id:' || resident_id, 0),
    hashtextextended('ph:' || phone, 0),
    hashtextextended('sb:' || nullif(split_part(name_pinyin, ' ', 1), '') || ':' || birth_date::text, 0),
    CASE WHEN strpos(name_pinyin, ' ') > 0 THEN
      hashtextextended('gy:' || substr(name_pinyin, strpos(name_pinyin, ' ') + 1) || ':' || extract(year FROM birth_date)::int::text || ':' || left(division_code, 6), 0)
    END
  ], NULL)
$$;

-- The keys of every active (not merged) person, from its golden record and all its source records:
-- an incoming record fetches its candidates by key through the primary key index, never by a scan.
CREATE TABLE person_block_key (
  key       bigint NOT NULL,
  person_id bigint NOT NULL REFERENCES person (id),
  PRIMARY KEY (key, person_id)
);
CREATE INDEX person_block_key_person_idx ON person_block_key (person_id);

-- Pairs between the review and link thresholds wait for a registrar: the incoming record (and the
-- provisional person it created) against one candidate person.
CREATE TABLE mpi_review (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_id         bigint NOT NULL REFERENCES person_record (id),
  person_id         bigint NOT NULL REFERENCES person (id),
  candidate_id      bigint NOT NULL REFERENCES person (id),
  match_probability double precision NOT NULL,
  match_weight      double precision NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'kept_apart')),
  merge_id          bigint,
  decided_by        integer REFERENCES app_user (id),
  decided_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (record_id, candidate_id),
  CHECK (person_id <> candidate_id)
);
CREATE INDEX mpi_review_status_idx ON mpi_review (status, id);
CREATE INDEX mpi_review_person_idx ON mpi_review (person_id);
CREATE INDEX mpi_review_candidate_idx ON mpi_review (candidate_id);

-- A merge keeps what it moved (records, identifiers, institutions the survivor gained), so that unmerge
-- restores both persons exactly.
CREATE TABLE person_merge (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survivor_id bigint NOT NULL REFERENCES person (id),
  merged_id   bigint NOT NULL REFERENCES person (id),
  review_id   bigint REFERENCES mpi_review (id),
  snapshot    jsonb NOT NULL,
  merged_by   integer REFERENCES app_user (id),
  merged_at   timestamptz NOT NULL DEFAULT now(),
  unmerged_by integer REFERENCES app_user (id),
  unmerged_at timestamptz
);
CREATE INDEX person_merge_survivor_idx ON person_merge (survivor_id);
CREATE INDEX person_merge_merged_idx ON person_merge (merged_id);
ALTER TABLE mpi_review ADD FOREIGN KEY (merge_id) REFERENCES person_merge (id);

-- A trained linkage model, saved and reused; the newest row is the one in use (none: the built-in defaults).
CREATE TABLE mpi_model (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model      jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Persons registered before the index existed: their golden record is their first source record.
INSERT INTO person_record (person_id, source, institution_id, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, link_kind, received_at)
  SELECT id, 'registration', registered_by, name, name_pinyin, sex, birth_date, resident_id, phone, division_code, address, vital_status, death_date, 'existing', created_at FROM person;
INSERT INTO person_block_key (key, person_id)
  SELECT DISTINCT unnest(mpi_block_keys(name_pinyin, birth_date, resident_id, phone, division_code)), id FROM person;
