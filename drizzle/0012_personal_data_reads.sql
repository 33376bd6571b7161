CREATE TABLE "personal_data_reads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"channel" text NOT NULL,
	"route" text NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" text NOT NULL,
	"party_id" uuid,
	"case_reference" text
);
--> statement-breakpoint
CREATE INDEX "personal_data_reads_read_at" ON "personal_data_reads" USING btree ("read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_user" ON "personal_data_reads" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_record" ON "personal_data_reads" USING btree ("record_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_party" ON "personal_data_reads" USING btree ("party_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_case" ON "personal_data_reads" USING btree ("case_reference","read_at");