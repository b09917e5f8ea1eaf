CREATE TABLE `share_access` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`share_id` text NOT NULL,
	`email` text,
	`verified_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_access_share` ON `share_access` (`share_id`);--> statement-breakpoint
CREATE TABLE `share_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`share_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`message` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `share_replies_share` ON `share_replies` (`share_id`);--> statement-breakpoint
CREATE TABLE `share_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`share_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`email` text NOT NULL,
	`version` integer NOT NULL,
	`sections` text NOT NULL,
	`viewed_at` integer NOT NULL,
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `share_views_share` ON `share_views` (`share_id`,`viewed_at`);--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `share_access_id` text REFERENCES share_access(id_hash) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `sign_in_codes_share_access` ON `sign_in_codes` (`share_access_id`);--> statement-breakpoint
-- The access log is what the person is shown about who read their story: never rewritten, never removed.
CREATE TRIGGER share_views_append_only_update BEFORE UPDATE ON share_views
BEGIN
  SELECT RAISE(ABORT, 'the access log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER share_views_append_only_delete BEFORE DELETE ON share_views
BEGIN
  SELECT RAISE(ABORT, 'the access log is append-only');
END;
