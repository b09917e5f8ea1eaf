CREATE TABLE `story_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`story_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`invited_by` text NOT NULL,
	`resident_id` text,
	`status` text DEFAULT 'invited' NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `story_invitations_story` ON `story_invitations` (`story_id`);--> statement-breakpoint
CREATE INDEX `story_invitations_resident` ON `story_invitations` (`resident_id`);--> statement-breakpoint
CREATE INDEX `story_invitations_email` ON `story_invitations` (`email`);--> statement-breakpoint
ALTER TABLE `story_sections` ADD `updated_by` text;--> statement-breakpoint
ALTER TABLE `story_versions` ADD `subject_id` text REFERENCES subjects(id);