-- Published versions and the audit log are records of what happened: never rewritten.
CREATE TRIGGER story_versions_immutable BEFORE UPDATE ON story_versions
BEGIN
  SELECT RAISE(ABORT, 'story versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
