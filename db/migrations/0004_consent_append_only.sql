-- A consent record is evidence of what someone agreed to: never rewritten, never removed.
CREATE TRIGGER consent_records_append_only_update BEFORE UPDATE ON consent_records
BEGIN
  SELECT RAISE(ABORT, 'consent records are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only_delete BEFORE DELETE ON consent_records
BEGIN
  SELECT RAISE(ABORT, 'consent records are append-only');
END;
