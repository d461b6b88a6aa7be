-- Screening indicators over millions of participants answer from sums kept per campaign, clinic, township and month
-- (issue 6 target: 1,000,000 participants in ≤ 1 s on 2 cores). The sums are the participant flag columns of 0009
-- (written only from the domain's participantFlags) and are kept exact by statement-level triggers with transition
-- tables: every INSERT, UPDATE or DELETE of participants adds its rows' flags and subtracts the old ones, in the same
-- transaction, one grouped upsert per statement. Overdue follow-ups depend on the day they are read and are counted
-- from the participants themselves (partial index screening_participant_followup_idx).
CREATE TABLE screening_tally_cube (
  campaign_id          bigint NOT NULL,
  programme_code       text NOT NULL,
  institution_id       integer NOT NULL,
  division_code        text NOT NULL,
  period_month         date NOT NULL,
  participants         integer NOT NULL,
  invited              integer NOT NULL,
  participated         integer NOT NULL,
  questionnaire_done   integer NOT NULL,
  high_risk            integer NOT NULL,
  high_risk_clinical   integer NOT NULL,
  screened             integer NOT NULL,
  positive             integer NOT NULL,
  follow_up_done       integer NOT NULL,
  cancer               integer NOT NULL,
  precancer            integer NOT NULL,
  early                integer NOT NULL,
  days_sum             bigint NOT NULL,
  days_count           integer NOT NULL,
  PRIMARY KEY (campaign_id, institution_id, division_code, period_month)
);
CREATE INDEX screening_tally_cube_programme_idx ON screening_tally_cube (programme_code, period_month);

CREATE FUNCTION screening_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO screening_tally_cube AS c
  SELECT campaign_id, programme_code, institution_id, coalesce(division_code, ''), (index_date - (extract(day from index_date)::int - 1)),
    count(*), count(*) FILTER (WHERE f_invited), count(*) FILTER (WHERE f_participated), count(*) FILTER (WHERE f_questionnaire),
    count(*) FILTER (WHERE f_high_risk), count(*) FILTER (WHERE f_high_risk_clinical), count(*) FILTER (WHERE f_screened),
    count(*) FILTER (WHERE f_positive), count(*) FILTER (WHERE f_follow_up_done), count(*) FILTER (WHERE f_cancer),
    count(*) FILTER (WHERE f_precancer), count(*) FILTER (WHERE f_early), coalesce(sum(days_positive_to_diagnosis), 0), count(days_positive_to_diagnosis)
  FROM new_rows GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (campaign_id, institution_id, division_code, period_month) DO UPDATE SET
    participants = c.participants + excluded.participants, invited = c.invited + excluded.invited, participated = c.participated + excluded.participated,
    questionnaire_done = c.questionnaire_done + excluded.questionnaire_done, high_risk = c.high_risk + excluded.high_risk,
    high_risk_clinical = c.high_risk_clinical + excluded.high_risk_clinical, screened = c.screened + excluded.screened, positive = c.positive + excluded.positive,
    follow_up_done = c.follow_up_done + excluded.follow_up_done, cancer = c.cancer + excluded.cancer, precancer = c.precancer + excluded.precancer,
    early = c.early + excluded.early, days_sum = c.days_sum + excluded.days_sum, days_count = c.days_count + excluded.days_count;
  RETURN NULL;
END;
$$;

CREATE FUNCTION screening_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO screening_tally_cube AS c
  SELECT campaign_id, programme_code, institution_id, coalesce(division_code, ''), (index_date - (extract(day from index_date)::int - 1)),
    -count(*), -count(*) FILTER (WHERE f_invited), -count(*) FILTER (WHERE f_participated), -count(*) FILTER (WHERE f_questionnaire),
    -count(*) FILTER (WHERE f_high_risk), -count(*) FILTER (WHERE f_high_risk_clinical), -count(*) FILTER (WHERE f_screened),
    -count(*) FILTER (WHERE f_positive), -count(*) FILTER (WHERE f_follow_up_done), -count(*) FILTER (WHERE f_cancer),
    -count(*) FILTER (WHERE f_precancer), -count(*) FILTER (WHERE f_early), -coalesce(sum(days_positive_to_diagnosis), 0), -count(days_positive_to_diagnosis)
  FROM old_rows GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (campaign_id, institution_id, division_code, period_month) DO UPDATE SET
    participants = c.participants + excluded.participants, invited = c.invited + excluded.invited, participated = c.participated + excluded.participated,
    questionnaire_done = c.questionnaire_done + excluded.questionnaire_done, high_risk = c.high_risk + excluded.high_risk,
    high_risk_clinical = c.high_risk_clinical + excluded.high_risk_clinical, screened = c.screened + excluded.screened, positive = c.positive + excluded.positive,
    follow_up_done = c.follow_up_done + excluded.follow_up_done, cancer = c.cancer + excluded.cancer, precancer = c.precancer + excluded.precancer,
    early = c.early + excluded.early, days_sum = c.days_sum + excluded.days_sum, days_count = c.days_count + excluded.days_count;
  RETURN NULL;
END;
$$;

-- An update adds the new rows and subtracts the old ones; groups whose sums do not change are left alone.
CREATE FUNCTION screening_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO screening_tally_cube AS c
  SELECT campaign_id, programme_code, institution_id, division_code, period_month,
    sum(sgn), sum(sgn * f_invited::int), sum(sgn * f_participated::int), sum(sgn * f_questionnaire::int), sum(sgn * f_high_risk::int),
    sum(sgn * f_high_risk_clinical::int), sum(sgn * f_screened::int), sum(sgn * f_positive::int), sum(sgn * f_follow_up_done::int),
    sum(sgn * f_cancer::int), sum(sgn * f_precancer::int), sum(sgn * f_early::int), coalesce(sum(sgn * days_positive_to_diagnosis), 0),
    sum(CASE WHEN days_positive_to_diagnosis IS NULL THEN 0 ELSE sgn END)
  FROM (
    SELECT 1 AS sgn, campaign_id, programme_code, institution_id, coalesce(division_code, '') AS division_code, (index_date - (extract(day from index_date)::int - 1)) AS period_month,
      f_invited, f_participated, f_questionnaire, f_high_risk, f_high_risk_clinical, f_screened, f_positive, f_follow_up_done, f_cancer, f_precancer, f_early, days_positive_to_diagnosis
    FROM new_rows
    UNION ALL
    SELECT -1, campaign_id, programme_code, institution_id, coalesce(division_code, ''), (index_date - (extract(day from index_date)::int - 1)),
      f_invited, f_participated, f_questionnaire, f_high_risk, f_high_risk_clinical, f_screened, f_positive, f_follow_up_done, f_cancer, f_precancer, f_early, days_positive_to_diagnosis
    FROM old_rows
  ) d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(sgn) <> 0 OR (
    sum(sgn * f_invited::int) <> 0 OR sum(sgn * f_participated::int) <> 0 OR sum(sgn * f_questionnaire::int) <> 0 OR sum(sgn * f_high_risk::int) <> 0
    OR sum(sgn * f_high_risk_clinical::int) <> 0 OR sum(sgn * f_screened::int) <> 0 OR sum(sgn * f_positive::int) <> 0 OR sum(sgn * f_follow_up_done::int) <> 0
    OR sum(sgn * f_cancer::int) <> 0 OR sum(sgn * f_precancer::int) <> 0 OR sum(sgn * f_early::int) <> 0
    OR coalesce(sum(sgn * days_positive_to_diagnosis), 0) <> 0 OR sum(CASE WHEN days_positive_to_diagnosis IS NULL THEN 0 ELSE sgn END) <> 0)
  ON CONFLICT (campaign_id, institution_id, division_code, period_month) DO UPDATE SET
    participants = c.participants + excluded.participants, invited = c.invited + excluded.invited, participated = c.participated + excluded.participated,
    questionnaire_done = c.questionnaire_done + excluded.questionnaire_done, high_risk = c.high_risk + excluded.high_risk,
    high_risk_clinical = c.high_risk_clinical + excluded.high_risk_clinical, screened = c.screened + excluded.screened, positive = c.positive + excluded.positive,
    follow_up_done = c.follow_up_done + excluded.follow_up_done, cancer = c.cancer + excluded.cancer, precancer = c.precancer + excluded.precancer,
    early = c.early + excluded.early, days_sum = c.days_sum + excluded.days_sum, days_count = c.days_count + excluded.days_count;
  RETURN NULL;
END;
$$;

CREATE TRIGGER screening_tally_on_insert AFTER INSERT ON screening_participant REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION screening_tally_insert();
CREATE TRIGGER screening_tally_on_update AFTER UPDATE ON screening_participant REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION screening_tally_update();
CREATE TRIGGER screening_tally_on_delete AFTER DELETE ON screening_participant REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION screening_tally_delete();

-- Participants recorded before this migration.
INSERT INTO screening_tally_cube
SELECT campaign_id, programme_code, institution_id, coalesce(division_code, ''), (index_date - (extract(day from index_date)::int - 1)),
  count(*), count(*) FILTER (WHERE f_invited), count(*) FILTER (WHERE f_participated), count(*) FILTER (WHERE f_questionnaire),
  count(*) FILTER (WHERE f_high_risk), count(*) FILTER (WHERE f_high_risk_clinical), count(*) FILTER (WHERE f_screened),
  count(*) FILTER (WHERE f_positive), count(*) FILTER (WHERE f_follow_up_done), count(*) FILTER (WHERE f_cancer),
  count(*) FILTER (WHERE f_precancer), count(*) FILTER (WHERE f_early), coalesce(sum(days_positive_to_diagnosis), 0), count(days_positive_to_diagnosis)
FROM screening_participant GROUP BY 1, 2, 3, 4, 5;
