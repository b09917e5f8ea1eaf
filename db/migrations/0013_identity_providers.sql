CREATE TABLE `provider_sign_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`return_to` text,
	`language` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `residents` ADD `one_login_sub` text;--> statement-breakpoint
CREATE UNIQUE INDEX `residents_one_login_sub_unique` ON `residents` (`one_login_sub`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `one_login_id_token` text;--> statement-breakpoint
ALTER TABLE `staff_sessions` ADD `signed_in_with` text DEFAULT 'code' NOT NULL;