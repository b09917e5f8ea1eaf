ALTER TABLE `agencies` ADD `name_cy` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `description_cy` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `signed_out_at` integer;