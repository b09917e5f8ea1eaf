CREATE TABLE "provider_sign_ins" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text,
	"language" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "one_login_sub" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "one_login_id_token" text;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD COLUMN "signed_in_with" text DEFAULT 'code' NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_one_login_sub_unique" UNIQUE("one_login_sub");