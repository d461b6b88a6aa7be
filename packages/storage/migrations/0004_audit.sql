-- Append-only, tamper-evident audit log (hash chain computed by the application, see domain/audit).
CREATE TABLE audit_log (
  seq                  bigint PRIMARY KEY,
  ts                   timestamptz NOT NULL,
  actor_user_id        integer,
  actor_username       text,
  actor_institution_id integer,
  action               text NOT NULL,
  outcome              text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  entity_type          text,
  entity_id            text,
  person_id            bigint,
  institution_id       integer,
  request_id           text,
  ip                   text,
  detail               jsonb,
  prev_hash            text NOT NULL,
  hash                 text NOT NULL
);
CREATE INDEX audit_log_ts_idx ON audit_log (ts);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, seq);
CREATE INDEX audit_log_person_idx ON audit_log (person_id, seq) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, seq) WHERE institution_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

-- The chain head, updated in the same transaction as each append: a truncated tail no longer matches it.
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: the application never updates or deletes audit rows; the trigger makes that explicit.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
