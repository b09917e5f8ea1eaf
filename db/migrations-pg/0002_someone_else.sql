ALTER TABLE "subjects" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "writer_name" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "date_of_birth" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "basis_detail" text;