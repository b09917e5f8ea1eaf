CREATE TABLE "erased_stories" (
	"story_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"versions" integer NOT NULL,
	"agencies" integer NOT NULL,
	"reason" text NOT NULL,
	"erased_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"signed_out_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "addresses" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "retention_warned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "access_forgotten_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD COLUMN "changes_email_of" text;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD COLUMN "for_staff" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_codes" ADD CONSTRAINT "sign_in_codes_changes_email_of_residents_id_fk" FOREIGN KEY ("changes_email_of") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;