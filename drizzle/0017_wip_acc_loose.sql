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
ALTER TABLE "accreditation_letters" ADD COLUMN "layout_hash" text;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "produced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "posted_on" date;--> statement-breakpoint
ALTER TABLE "accreditation_letters" ADD COLUMN "posted_by_name" text;--> statement-breakpoint
CREATE INDEX "accreditation_letters_posted" ON "accreditation_letters" USING btree ("posted_on");