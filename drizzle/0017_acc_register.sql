CREATE TABLE "accreditation_member_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"findings" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"notes" text NOT NULL,
	"next_check_due" date NOT NULL,
	"recorded_by_id" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "accreditation_member_checks_party" ON "accreditation_member_checks" USING btree ("party_id","date");