CREATE TABLE "letter_access_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sign_in_failures" (
	"reference_key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "letter_access_codes_liability" ON "letter_access_codes" USING btree ("liability_id");--> statement-breakpoint
CREATE INDEX "portal_sessions_expires" ON "portal_sessions" USING btree ("expires_at");