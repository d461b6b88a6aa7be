-- References of the tables an import fills are checked once per statement instead of once per row (issue 4,
-- import speed). A foreign key runs a query per inserted row that looks the parent up and locks it FOR KEY SHARE;
-- a province-year of notifications wrote about 1.6 million rows carrying such references (notification: four,
-- tumour, person_record and person_institution: two, person: one), and those row triggers were about a quarter of
-- the database's work. The same guarantee, set-based:
--   * a child's insert or update fails (SQLSTATE 23503, naming table, column and the missing value) when a
--     reference it writes is not a row of the parent: one anti-join over the statement's rows (transition table);
--   * a parent's delete fails while a child still refers to a deleted row, as NO ACTION did. It first takes SHARE
--     locks on the child tables, so it waits for writers that may be adding references to the rows it removes and
--     then sees their rows; a child insert that comes after it no longer finds the parent. Parents are never
--     deleted by the application (a duplicate person is retired with merged_into), so these locks cost nothing
--     in practice;
--   * a parent's id is never changed (identity columns; refused below).
-- Other references keep their foreign keys.

CREATE FUNCTION check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  i int := 0;
  missing text;
BEGIN
  -- Arguments: pairs of (column, parent table); the parent's key is id, in the child's schema.
  WHILE i < TG_NARGS LOOP
    EXECUTE format('SELECT n.%1$I::text FROM new_rows n WHERE n.%1$I IS NOT NULL AND NOT EXISTS (SELECT FROM %2$I.%3$I p WHERE p.id = n.%1$I) LIMIT 1', TG_ARGV[i], TG_TABLE_SCHEMA, TG_ARGV[i + 1]) INTO missing;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "%" violates its reference to "%": %=% is not present in table "%"', TG_TABLE_NAME, TG_ARGV[i + 1], TG_ARGV[i], missing, TG_ARGV[i + 1]
        USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[i];
    END IF;
    i := i + 2;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION restrict_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  i int := 0;
  referenced text;
BEGIN
  -- Arguments: pairs of (child table, column referring to this table's id).
  WHILE i < TG_NARGS LOOP
    EXECUTE format('LOCK TABLE %I.%I IN SHARE MODE', TG_TABLE_SCHEMA, TG_ARGV[i]);
    EXECUTE format('SELECT o.id::text FROM old_rows o WHERE EXISTS (SELECT FROM %1$I.%2$I c WHERE c.%3$I = o.id) LIMIT 1', TG_TABLE_SCHEMA, TG_ARGV[i], TG_ARGV[i + 1]) INTO referenced;
    IF referenced IS NOT NULL THEN
      RAISE EXCEPTION 'delete on table "%" violates the reference from "%": id=% is still referenced from table "%"', TG_TABLE_NAME, TG_ARGV[i], referenced, TG_ARGV[i]
        USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_ARGV[i], COLUMN = TG_ARGV[i + 1];
    END IF;
    i := i + 2;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION refuse_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the id of a row of "%" never changes: other tables refer to it', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'id';
END
$$;

ALTER TABLE notification
  DROP CONSTRAINT notification_person_id_fkey,
  DROP CONSTRAINT notification_institution_id_fkey,
  DROP CONSTRAINT notification_batch_id_fkey,
  DROP CONSTRAINT notification_tumour_id_fkey;
ALTER TABLE tumour DROP CONSTRAINT tumour_person_id_fkey, DROP CONSTRAINT tumour_institution_id_fkey;
ALTER TABLE person_record DROP CONSTRAINT person_record_person_id_fkey, DROP CONSTRAINT person_record_institution_id_fkey;
ALTER TABLE person_institution DROP CONSTRAINT person_institution_person_id_fkey, DROP CONSTRAINT person_institution_institution_id_fkey;
ALTER TABLE person DROP CONSTRAINT person_registered_by_fkey;

CREATE TRIGGER notification_references_insert AFTER INSERT ON notification REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution', 'batch_id', 'import_batch', 'tumour_id', 'tumour');
CREATE TRIGGER notification_references_update AFTER UPDATE ON notification REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution', 'batch_id', 'import_batch', 'tumour_id', 'tumour');
CREATE TRIGGER tumour_references_insert AFTER INSERT ON tumour REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER tumour_references_update AFTER UPDATE ON tumour REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER person_record_references_insert AFTER INSERT ON person_record REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER person_record_references_update AFTER UPDATE ON person_record REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER person_institution_references_insert AFTER INSERT ON person_institution REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER person_institution_references_update AFTER UPDATE ON person_institution REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('person_id', 'person', 'institution_id', 'institution');
CREATE TRIGGER person_references_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('registered_by', 'institution');
CREATE TRIGGER person_references_update AFTER UPDATE ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION check_references('registered_by', 'institution');

CREATE TRIGGER person_referenced AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION restrict_referenced('notification', 'person_id', 'tumour', 'person_id', 'person_record', 'person_id', 'person_institution', 'person_id');
CREATE TRIGGER tumour_referenced AFTER DELETE ON tumour REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION restrict_referenced('notification', 'tumour_id');
CREATE TRIGGER import_batch_referenced AFTER DELETE ON import_batch REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION restrict_referenced('notification', 'batch_id');
CREATE TRIGGER institution_referenced AFTER DELETE ON institution REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION restrict_referenced('notification', 'institution_id', 'tumour', 'institution_id', 'person_record', 'institution_id', 'person_institution', 'institution_id', 'person', 'registered_by');

CREATE TRIGGER person_id_fixed BEFORE UPDATE OF id ON person FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER tumour_id_fixed BEFORE UPDATE OF id ON tumour FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER import_batch_id_fixed BEFORE UPDATE OF id ON import_batch FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER institution_id_fixed BEFORE UPDATE OF id ON institution FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_id_change();
