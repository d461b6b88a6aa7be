-- Persons: the master record every later module attaches to.
CREATE TABLE person (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_pinyin          text NOT NULL,
  name_pinyin_compact  text NOT NULL,
  name_initials        text NOT NULL,
  sex                  smallint NOT NULL CHECK (sex IN (1, 2)),
  birth_date           date NOT NULL,
  resident_id          text UNIQUE CHECK (resident_id ~ '^[0-9]{17}[0-9X]$'),
  phone                text,
  division_code        text CHECK (division_code ~ '^[0-9]{6}([0-9]{3})?$'),
  address              text,
  vital_status         text NOT NULL DEFAULT 'alive' CHECK (vital_status IN ('alive', 'dead', 'unknown')),
  death_date           date,
  registered_by        integer NOT NULL REFERENCES institution (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (death_date IS NULL OR death_date >= birth_date)
);
-- "C" collation so that LIKE 'prefix%' can use the btree for name and pinyin search.
CREATE INDEX person_name_idx ON person (name COLLATE "C", id);
CREATE INDEX person_pinyin_idx ON person (name_pinyin_compact COLLATE "C", id);
CREATE INDEX person_initials_idx ON person (name_initials COLLATE "C", id);
CREATE INDEX person_phone_idx ON person (phone);
CREATE INDEX person_division_idx ON person (division_code COLLATE "C");

-- Medical record numbers and other identifiers issued by an institution.
CREATE TABLE person_identifier (
  person_id      bigint NOT NULL REFERENCES person (id),
  institution_id integer NOT NULL REFERENCES institution (id),
  kind           text NOT NULL DEFAULT 'mrn' CHECK (kind IN ('mrn', 'outpatient', 'screening', 'other')),
  value          text NOT NULL CHECK (length(value) BETWEEN 1 AND 64),
  PRIMARY KEY (institution_id, kind, value)
);
CREATE INDEX person_identifier_person_idx ON person_identifier (person_id);
CREATE INDEX person_identifier_value_idx ON person_identifier (value);

-- Which institutions hold records of a person: the basis of institution and hub data scopes.
-- The search columns are copied from person so that a scoped name search is one range scan per
-- institution in scope (a hub holds a few percent of the network: walking the network-wide name
-- index and probing each hit for scope reads thousands of rows to return twenty).
CREATE TABLE person_institution (
  person_id            bigint NOT NULL REFERENCES person (id),
  institution_id       integer NOT NULL REFERENCES institution (id),
  name                 text NOT NULL,
  name_pinyin_compact  text NOT NULL,
  name_initials        text NOT NULL,
  PRIMARY KEY (person_id, institution_id)
);
CREATE INDEX person_institution_institution_idx ON person_institution (institution_id, person_id);
CREATE INDEX person_institution_name_idx ON person_institution (institution_id, name COLLATE "C");
CREATE INDEX person_institution_pinyin_idx ON person_institution (institution_id, name_pinyin_compact COLLATE "C");
CREATE INDEX person_institution_initials_idx ON person_institution (institution_id, name_initials COLLATE "C");

-- Writers name only (person_id, institution_id); the copies come from person here, and follow
-- person when a name is corrected or a link moves to another person (MPI merge and unmerge).
-- A bulk loader may supply the copies itself in the same statement that reads them from person.
CREATE FUNCTION person_institution_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR NEW.name IS NULL OR NEW.name_pinyin_compact IS NULL OR NEW.name_initials IS NULL THEN
    SELECT p.name, p.name_pinyin_compact, p.name_initials INTO NEW.name, NEW.name_pinyin_compact, NEW.name_initials
    FROM person p WHERE p.id = NEW.person_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER person_institution_fill BEFORE INSERT OR UPDATE OF person_id ON person_institution
  FOR EACH ROW EXECUTE FUNCTION person_institution_fill();

CREATE FUNCTION person_search_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person_institution SET name = NEW.name, name_pinyin_compact = NEW.name_pinyin_compact, name_initials = NEW.name_initials
  WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER person_search_copies AFTER UPDATE OF name, name_pinyin_compact, name_initials ON person
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_pinyin_compact IS DISTINCT FROM NEW.name_pinyin_compact OR OLD.name_initials IS DISTINCT FROM NEW.name_initials)
  EXECUTE FUNCTION person_search_copies();
