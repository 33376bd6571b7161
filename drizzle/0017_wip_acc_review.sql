CREATE TABLE "accreditation_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"incidents" jsonb NOT NULL,
	"window_from" date NOT NULL,
	"window_to" date NOT NULL,
	"requirements" jsonb NOT NULL,
	"raised_on" date NOT NULL,
	"outcome" text,
	"reasons" text,
	"notes" text,
	"concluded_by_name" text,
	"concluded_on" date,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "accreditation_reviews_party" ON "accreditation_reviews" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "accreditation_reviews_open" ON "accreditation_reviews" USING btree ("outcome","raised_on");