CREATE TABLE "accreditation_check_reminders" (
	"party_id" text NOT NULL,
	"due_on" date NOT NULL,
	"member_name" text NOT NULL,
	"overdue" boolean NOT NULL,
	"sent_to" text NOT NULL,
	"sent_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accreditation_check_reminders_party_id_due_on_pk" PRIMARY KEY("party_id","due_on")
);
--> statement-breakpoint
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
ALTER TABLE "accreditation_letters" ADD COLUMN "layout_hash" text;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "produced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "posted_on" date;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "posted_by_name" text;--> statement-breakpoint
CREATE INDEX "accreditation_reviews_party" ON "accreditation_reviews" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "accreditation_reviews_open" ON "accreditation_reviews" USING btree ("outcome","raised_on");--> statement-breakpoint
CREATE INDEX "accreditation_letters_posted" ON "accreditation_letters" USING btree ("posted_on");