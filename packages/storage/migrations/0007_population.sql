-- Population denominators: mid-year population (person-years of one calendar year) by GB/T 2260
-- division, year, sex and China's 19 age groups (0, 1–4, 5–9, …, 85+), the layout NCCR reports use.
-- Rates for a catchment sum the divisions under its code prefix.
CREATE TABLE population (
  division_code text NOT NULL CHECK (division_code ~ '^[0-9]{6}([0-9]{3})?$'),
  year          smallint NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  sex           smallint NOT NULL CHECK (sex IN (1, 2)),
  age_group     smallint NOT NULL CHECK (age_group BETWEEN 0 AND 18),
  population    double precision NOT NULL CHECK (population >= 0),
  source        text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  PRIMARY KEY (division_code, year, sex, age_group)
);
CREATE INDEX population_year_idx ON population (year, division_code COLLATE "C");
