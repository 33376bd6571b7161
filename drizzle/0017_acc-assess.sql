CREATE TABLE "accreditation_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_reference" text NOT NULL,
	"kind" text NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"file_hash" text NOT NULL,
	"produced_on" date NOT NULL,
	"produced_by_name" text NOT NULL,
	"emailed_to" text,
	"emailed_on" date,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "accreditation_letters_application" ON "accreditation_letters" USING btree ("application_reference");