CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"unique_key" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"current" text NOT NULL,
	"previous" text,
	"previous_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"username" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "single_sign_on_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "single_sign_on_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject"),
	CONSTRAINT "single_sign_on_identities_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
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
ALTER TABLE "command_results" ADD COLUMN "scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "command_results" DROP CONSTRAINT "command_results_command_idempotency_key_pk";--> statement-breakpoint
ALTER TABLE "liabilities" ALTER COLUMN "amount_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "liabilities" ALTER COLUMN "outstanding_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "debt_referrals" ALTER COLUMN "amount_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "command_results" ADD CONSTRAINT "command_results_command_scope_idempotency_key_pk" PRIMARY KEY("command","scope","idempotency_key");--> statement-breakpoint
ALTER TABLE "single_sign_on_identities" ADD CONSTRAINT "single_sign_on_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_unique_key" ON "jobs" USING btree ("unique_key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at") WHERE state = 'queued';--> statement-breakpoint
CREATE INDEX "jobs_state" ON "jobs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "personal_data_reads_read_at" ON "personal_data_reads" USING btree ("read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_user" ON "personal_data_reads" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_record" ON "personal_data_reads" USING btree ("record_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_party" ON "personal_data_reads" USING btree ("party_id","read_at");--> statement-breakpoint
CREATE INDEX "personal_data_reads_case" ON "personal_data_reads" USING btree ("case_reference","read_at");