-- The triggers of db/migrations 0002, 0004 and 0005, with the same messages. One function raises the message its trigger passes it.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
-- Published versions and the audit log are records of what happened: never rewritten.
CREATE TRIGGER story_versions_immutable BEFORE UPDATE ON story_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change('story versions are immutable');
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change('the audit log is append-only');
--> statement-breakpoint
-- A consent record is evidence of what someone agreed to: never rewritten, never removed.
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION refuse_change('consent records are append-only');
--> statement-breakpoint
-- The access log is what the person is shown about who read their story: never rewritten, never removed.
CREATE TRIGGER share_views_append_only BEFORE UPDATE OR DELETE ON share_views
  FOR EACH ROW EXECUTE FUNCTION refuse_change('the access log is append-only');
--> statement-breakpoint
-- TRUNCATE empties a table without firing its DELETE triggers, and SQLite has no such statement: refuse it where deletes are refused.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('the audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('consent records are append-only');
--> statement-breakpoint
CREATE TRIGGER share_views_no_truncate BEFORE TRUNCATE ON share_views
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('the access log is append-only');
