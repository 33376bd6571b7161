CREATE TABLE "information_request_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"text" text NOT NULL,
	"files" jsonb NOT NULL,
	"answered_by_id" text NOT NULL,
	"answered_by_name" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"answered_on" date NOT NULL,
	"days_late" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_request_files" (
	"answer_id" uuid NOT NULL,
	"file_hash" text NOT NULL,
	"thumbnail_hash" text,
	"request_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"media_type" text NOT NULL,
	"original_name" text NOT NULL,
	CONSTRAINT "information_request_files_answer_id_file_hash_pk" PRIMARY KEY("answer_id","file_hash")
);
--> statement-breakpoint
CREATE TABLE "information_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"case_reference" text NOT NULL,
	"items" text[] NOT NULL,
	"other_description" text,
	"details" text,
	"due_date" date NOT NULL,
	"addressed_to_id" text,
	"addressed_to_name" text,
	"port_code" text,
	"status" text NOT NULL,
	"requested_by_id" text NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"first_answer_days_late" integer,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_name" text,
	"withdrawn_reason" text,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "earlier_crossings" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"search_id" uuid,
	"outcome" text NOT NULL,
	"note" text,
	"decided_by_id" text NOT NULL,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officer_training" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"home_port" text,
	"ifc_part1_on" date,
	"ifc_part2_on" date,
	"ppst_level" integer,
	"ppst_passed_on" date,
	"ppst_expires_on" date,
	"s31a_trained_on" date,
	"version" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people_found" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "people_found" ADD COLUMN "nrm_outcome" jsonb;--> statement-breakpoint
ALTER TABLE "searches" ADD COLUMN "detecting_method" text;--> statement-breakpoint
ALTER TABLE "searches" ADD COLUMN "detecting_method_unknown_reason" text;--> statement-breakpoint
CREATE INDEX "information_request_answers_request" ON "information_request_answers" USING btree ("request_id","answered_at");--> statement-breakpoint
CREATE INDEX "information_request_files_hash" ON "information_request_files" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "information_request_files_thumbnail" ON "information_request_files" USING btree ("thumbnail_hash");--> statement-breakpoint
CREATE INDEX "information_requests_case" ON "information_requests" USING btree ("case_id","requested_at");--> statement-breakpoint
CREATE INDEX "information_requests_addressed_to" ON "information_requests" USING btree ("addressed_to_id","status");--> statement-breakpoint
CREATE INDEX "information_requests_port" ON "information_requests" USING btree ("port_code","status");--> statement-breakpoint
CREATE INDEX "information_requests_requested_by" ON "information_requests" USING btree ("requested_by_id","status");--> statement-breakpoint
CREATE INDEX "earlier_crossings_search" ON "earlier_crossings" USING btree ("search_id");