-- Erasure, and nothing else, may remove what the append-only tables keep: every row of a story listed in
-- erased_stories (its owner deleted it, or their account was deleted), and the access log of a share once the
-- retention period after it ended has passed (shares.access_forgotten_at). Story versions, which could be
-- deleted with their story before, now go only with an erased story.
DROP TRIGGER consent_records_append_only_delete;
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only_delete BEFORE DELETE ON consent_records
WHEN NOT EXISTS (SELECT 1 FROM shares JOIN erased_stories ON erased_stories.story_id = shares.story_id WHERE shares.id = OLD.share_id)
BEGIN
  SELECT RAISE(ABORT, 'consent records are append-only');
END;
--> statement-breakpoint
DROP TRIGGER share_views_append_only_delete;
--> statement-breakpoint
CREATE TRIGGER share_views_append_only_delete BEFORE DELETE ON share_views
WHEN NOT EXISTS (
  SELECT 1 FROM shares LEFT JOIN erased_stories ON erased_stories.story_id = shares.story_id
  WHERE shares.id = OLD.share_id AND (erased_stories.story_id IS NOT NULL OR shares.access_forgotten_at IS NOT NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'the access log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER story_versions_erased_only BEFORE DELETE ON story_versions
WHEN NOT EXISTS (SELECT 1 FROM erased_stories WHERE story_id = OLD.story_id)
BEGIN
  SELECT RAISE(ABORT, 'story versions are kept until their story is erased');
END;
--> statement-breakpoint
-- What is left of an erased story is itself a record: never rewritten, never removed.
CREATE TRIGGER erased_stories_append_only_update BEFORE UPDATE ON erased_stories
BEGIN
  SELECT RAISE(ABORT, 'erased stories are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER erased_stories_append_only_delete BEFORE DELETE ON erased_stories
BEGIN
  SELECT RAISE(ABORT, 'erased stories are append-only');
END;
