CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`contact_email` text NOT NULL,
	`domains` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_key_unique` ON `agencies` (`key`);--> statement-breakpoint
CREATE TABLE `consent_records` (
	`id` text PRIMARY KEY NOT NULL,
	`share_id` text NOT NULL,
	`kind` text NOT NULL,
	`agreed_by` text NOT NULL,
	`subject_id` text NOT NULL,
	`basis` text NOT NULL,
	`agency_id` text NOT NULL,
	`sections` text NOT NULL,
	`purpose` text NOT NULL,
	`wording` text NOT NULL,
	`wording_version` text NOT NULL,
	`wording_hash` text NOT NULL,
	`language` text NOT NULL,
	`method` text NOT NULL,
	`ends_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreed_by`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_records_share` ON `consent_records` (`share_id`);--> statement-breakpoint
CREATE TABLE `share_drafts` (
	`story_id` text PRIMARY KEY NOT NULL,
	`choices` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`story_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`sections` text NOT NULL,
	`purpose` text NOT NULL,
	`version` integer NOT NULL,
	`keep_up_to_date` integer NOT NULL,
	`contact_allowed` integer NOT NULL,
	`contact_methods` text NOT NULL,
	`ends_at` integer NOT NULL,
	`token_hash` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`stopped_at` integer,
	`ended_notified_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token_hash_unique` ON `shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shares_story` ON `shares` (`story_id`);--> statement-breakpoint
CREATE INDEX `shares_ending` ON `shares` (`status`,`ends_at`);