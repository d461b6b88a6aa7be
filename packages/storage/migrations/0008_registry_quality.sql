-- The data-quality table's counts, summed by incidence year, CI5 site, sex, reporting institution and county,
-- so that the table answers from tens of thousands of cells instead of scanning millions of tumours (issue 4
-- target: 2,000,000 tumours in ≤ 500 ms). Same definitions as domain/registry/data-quality.ts; reportable
-- tumours only. Any change to `tumour` marks the cube stale (statement trigger); the next read rebuilds it.
CREATE TABLE registry_quality_cube (
  year                   smallint NOT NULL,
  site                   smallint NOT NULL,
  sex                    smallint NOT NULL,
  institution_id         integer NOT NULL,
  county_code            text,
  cases                  integer NOT NULL,
  microscopic            integer NOT NULL,
  dco                    integer NOT NULL,
  clinical               integer NOT NULL,
  unknown_basis          integer NOT NULL,
  primary_unknown        integer NOT NULL,
  unspecified_morphology integer NOT NULL,
  unknown_age            integer NOT NULL,
  delay_days             bigint NOT NULL,
  delay_count            integer NOT NULL,
  on_time                integer NOT NULL
);
CREATE INDEX registry_quality_cube_year_idx ON registry_quality_cube (year);

CREATE TABLE registry_quality_state (
  id    smallint PRIMARY KEY CHECK (id = 1),
  stale boolean NOT NULL
);
INSERT INTO registry_quality_state (id, stale) VALUES (1, true);

CREATE FUNCTION registry_quality_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE registry_quality_state SET stale = true WHERE id = 1 AND NOT stale;
  RETURN NULL;
END;
$$;
CREATE TRIGGER tumour_quality_stale AFTER INSERT OR UPDATE OR DELETE ON tumour FOR EACH STATEMENT EXECUTE FUNCTION registry_quality_mark_stale();
