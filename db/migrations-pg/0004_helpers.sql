CREATE TABLE "story_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"story_id" text NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"invited_by" text NOT NULL,
	"resident_id" text,
	"status" text DEFAULT 'invited' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_sections" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "story_versions" ADD COLUMN "subject_id" text;--> statement-breakpoint
ALTER TABLE "story_invitations" ADD CONSTRAINT "story_invitations_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_invitations" ADD CONSTRAINT "story_invitations_invited_by_residents_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_invitations" ADD CONSTRAINT "story_invitations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_invitations_story" ON "story_invitations" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_invitations_resident" ON "story_invitations" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "story_invitations_email" ON "story_invitations" USING btree ("email");--> statement-breakpoint
ALTER TABLE "story_versions" ADD CONSTRAINT "story_versions_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;