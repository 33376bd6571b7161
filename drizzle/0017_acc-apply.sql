CREATE TABLE "accreditation_application_drafts" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb NOT NULL,
	"email_key" text,
	"code_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accreditation_draft_return_failures" (
	"email_key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "accreditation_application_drafts_expires" ON "accreditation_application_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "accreditation_application_drafts_return" ON "accreditation_application_drafts" USING btree ("email_key","code_hash");