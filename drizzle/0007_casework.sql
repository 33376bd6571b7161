CREATE TABLE "case_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"file_hash" text NOT NULL,
	"recipient_name" text NOT NULL,
	"address_lines" jsonb NOT NULL,
	"email" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"posted_at" timestamp with time zone,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "self_declared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "stage_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_day_to_impose" date;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "person_index" integer;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "address_lines" jsonb;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "stage_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "drafted_by" text;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "amount_pence" integer;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "imposed_on" date;--> statement-breakpoint
CREATE INDEX "case_letters_case" ON "case_letters" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_letters_unposted" ON "case_letters" USING btree ("posted_at");--> statement-breakpoint
CREATE INDEX "cases_assigned_to" ON "cases" USING btree ("assigned_to","stage");--> statement-breakpoint
CREATE INDEX "cases_last_day" ON "cases" USING btree ("last_day_to_impose");--> statement-breakpoint
CREATE INDEX "liabilities_stage" ON "liabilities" USING btree ("stage");