CREATE TABLE `erased_stories` (
	`story_id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`versions` integer NOT NULL,
	`agencies` integer NOT NULL,
	`reason` text NOT NULL,
	`erased_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`signed_out_at` integer
);
--> statement-breakpoint
ALTER TABLE `agencies` ADD `addresses` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `residents` ADD `retention_warned_at` integer;--> statement-breakpoint
ALTER TABLE `shares` ADD `access_forgotten_at` integer;--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `changes_email_of` text REFERENCES residents(id);--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `for_staff` integer DEFAULT false NOT NULL;