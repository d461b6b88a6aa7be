-- Field provenance moves onto the tumour row (issue 4, import speed). A tumour_field row per consolidated field
-- (about seven per notification: 1.5 million rows and three million foreign-key checks for a province-year)
-- cost more than a third of an import's database time. Each tumour now carries its fields' sources as one
-- jsonb value, written with the tumour: {"<field>": {"value": <text or null>, "notification": <id>}, …}.
-- Which notification a field came from is kept as before; it is not a foreign key any more, and need not be:
-- notifications are never deleted (a wrong one is marked rejected).
-- A registrar's override (value, reason, who, when) stays a row of its own — rare, and what an auditor reads.
ALTER TABLE tumour ADD COLUMN field_sources jsonb NOT NULL DEFAULT '{}'::jsonb;

UPDATE tumour t SET field_sources = s.sources
FROM (
  SELECT tumour_id, jsonb_object_agg(field, jsonb_build_object('value', value, 'notification', notification_id)) AS sources
  FROM tumour_field WHERE notification_id IS NOT NULL GROUP BY tumour_id
) s
WHERE s.tumour_id = t.id;

DELETE FROM tumour_field WHERE override_reason IS NULL;
ALTER TABLE tumour_field RENAME TO tumour_override;
ALTER TABLE tumour_override DROP COLUMN notification_id;
ALTER TABLE tumour_override ALTER COLUMN override_reason SET NOT NULL;
ALTER TABLE tumour_override ALTER COLUMN overridden_at SET NOT NULL;
