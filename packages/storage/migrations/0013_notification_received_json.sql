-- A notification or death record "as received" is stored as json, not jsonb (issue 4, import speed): nothing reads
-- inside it, and jsonb's conversion of every received row was most of the database's cost of inserting a
-- notification (0.65 s of 1.3 s for 50,000 rows). json also keeps the row exactly as it came: its keys in the
-- file's column order, its text unchanged.
ALTER TABLE notification ALTER COLUMN received TYPE json USING received::json;
ALTER TABLE death_record ALTER COLUMN received TYPE json USING received::json;
