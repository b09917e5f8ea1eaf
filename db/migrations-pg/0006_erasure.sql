-- The triggers of db/migrations 0011, with the same messages: erasure, and nothing else, may remove what the
-- append-only tables keep (every row of a story listed in erased_stories, and the access log of a share whose
-- access data was forgotten after the retention period). A trigger's WHEN cannot hold a query here, so one
-- function decides, for the table it is fired on.
CREATE FUNCTION refuse_delete_unless_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'story_versions' THEN
    IF EXISTS (SELECT 1 FROM erased_stories WHERE story_id = OLD.story_id) THEN
      RETURN OLD;
    END IF;
  ELSIF EXISTS (
    SELECT 1 FROM shares LEFT JOIN erased_stories ON erased_stories.story_id = shares.story_id
    WHERE shares.id = OLD.share_id
      AND (erased_stories.story_id IS NOT NULL OR (TG_TABLE_NAME = 'share_views' AND shares.access_forgotten_at IS NOT NULL))
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
DROP TRIGGER consent_records_append_only ON consent_records;
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only BEFORE UPDATE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION refuse_change('consent records are append-only');
--> statement-breakpoint
CREATE TRIGGER consent_records_erased_only BEFORE DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_unless_erased('consent records are append-only');
--> statement-breakpoint
DROP TRIGGER share_views_append_only ON share_views;
--> statement-breakpoint
CREATE TRIGGER share_views_append_only BEFORE UPDATE ON share_views
  FOR EACH ROW EXECUTE FUNCTION refuse_change('the access log is append-only');
--> statement-breakpoint
CREATE TRIGGER share_views_erased_only BEFORE DELETE ON share_views
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_unless_erased('the access log is append-only');
--> statement-breakpoint
CREATE TRIGGER story_versions_erased_only BEFORE DELETE ON story_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_unless_erased('story versions are kept until their story is erased');
--> statement-breakpoint
-- What is left of an erased story is itself a record: never rewritten, never removed.
CREATE TRIGGER erased_stories_append_only BEFORE UPDATE OR DELETE ON erased_stories
  FOR EACH ROW EXECUTE FUNCTION refuse_change('erased stories are append-only');
--> statement-breakpoint
CREATE TRIGGER erased_stories_no_truncate BEFORE TRUNCATE ON erased_stories
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('erased stories are append-only');
