CREATE TABLE "debt_referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"referred_on" date NOT NULL,
	"amount_pence" integer NOT NULL,
	"file_hash" text,
	"outcome" text,
	"outcome_note" text,
	"outcome_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "detentions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid,
	"registration" text NOT NULL,
	"registration_key" text NOT NULL,
	"place" text NOT NULL,
	"started_on" date NOT NULL,
	"daily_cost_pence" integer NOT NULL,
	"ended_how" text,
	"ended_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"line_count" integer NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"line_key" text NOT NULL,
	"invoice_reference" text,
	"payer_reference" text,
	"payer_name" text,
	"amount_pence" integer NOT NULL,
	"paid_on" date NOT NULL,
	"method" text NOT NULL,
	"raw" jsonb NOT NULL,
	"status" text NOT NULL,
	"waiting_reason" text,
	"candidates" jsonb,
	"case_id" uuid,
	"liability_id" uuid,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plate_check_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"registration" text NOT NULL,
	"registration_key" text NOT NULL,
	"country" text,
	"location" text,
	"reader_id" text,
	"matches" jsonb NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"outcome_by" text,
	"outcome_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watchlist_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration" text NOT NULL,
	"registration_key" text NOT NULL,
	"country" text,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text
);
--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "payment_due" date;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "outstanding_pence" integer;--> statement-breakpoint
ALTER TABLE "liabilities" ADD COLUMN "val_block" text;--> statement-breakpoint
CREATE INDEX "debt_referrals_liability" ON "debt_referrals" USING btree ("liability_id");--> statement-breakpoint
CREATE INDEX "debt_referrals_batch" ON "debt_referrals" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "detentions_case" ON "detentions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "detentions_open" ON "detentions" USING btree ("ended_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_imports_file" ON "ledger_imports" USING btree ("file_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_lines_key" ON "ledger_lines" USING btree ("line_key");--> statement-breakpoint
CREATE INDEX "ledger_lines_status" ON "ledger_lines" USING btree ("status");--> statement-breakpoint
CREATE INDEX "ledger_lines_import" ON "ledger_lines" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "plate_check_hits_read" ON "plate_check_hits" USING btree ("read_at");--> statement-breakpoint
CREATE INDEX "plate_check_hits_key" ON "plate_check_hits" USING btree ("registration_key");--> statement-breakpoint
CREATE INDEX "watchlist_entries_key" ON "watchlist_entries" USING btree ("registration_key");--> statement-breakpoint
CREATE INDEX "watchlist_entries_live" ON "watchlist_entries" USING btree ("deleted_at","expires_at");--> statement-breakpoint
CREATE INDEX "liabilities_payment_due" ON "liabilities" USING btree ("payment_due");