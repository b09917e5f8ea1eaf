ALTER TABLE `subjects` ADD `name` text;--> statement-breakpoint
ALTER TABLE `subjects` ADD `writer_name` text;--> statement-breakpoint
ALTER TABLE `subjects` ADD `date_of_birth` text;--> statement-breakpoint
ALTER TABLE `subjects` ADD `basis_detail` text;