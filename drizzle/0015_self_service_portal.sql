CREATE TABLE "card_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"case_reference" text NOT NULL,
	"liability_id" uuid NOT NULL,
	"payer_liability_id" uuid NOT NULL,
	"paid_by" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"provider" text NOT NULL,
	"provider_id" text NOT NULL,
	"next_url" text NOT NULL,
	"status" text NOT NULL,
	"started_on" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"received_on" date,
	"recorded_on_penalty" boolean,
	"problem" text,
	"version" integer NOT NULL,
	CONSTRAINT "card_payments_provider_id_unique" UNIQUE("provider_id")
);
--> statement-breakpoint
CREATE TABLE "letter_access_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"satisfaction" text NOT NULL,
	"comments" text,
	"from_path" text,
	"language" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"given_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sign_in_failures" (
	"reference_key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"asked_on" date NOT NULL,
	"due_by" date NOT NULL,
	"answer_within_working_days" integer NOT NULL,
	"asker_name" text NOT NULL,
	"email" text,
	"phone" text,
	"case_id" uuid,
	"case_reference" text,
	"liability_id" uuid,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"logged_by_id" text NOT NULL,
	"logged_by_name" text NOT NULL,
	"status" text NOT NULL,
	"assignee_id" text,
	"assignee_name" text,
	"answer_text" text,
	"answer_language" text,
	"answer_note" text,
	"answered_by_name" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"within_service_level" boolean,
	"working_days_late" integer,
	"closed_reason" text,
	"closed_by_name" text,
	"closed_at" timestamp with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "card_payments_liability" ON "card_payments" USING btree ("liability_id","started_at");--> statement-breakpoint
CREATE INDEX "letter_access_codes_liability" ON "letter_access_codes" USING btree ("liability_id");--> statement-breakpoint
CREATE INDEX "feedback_responses_given_on" ON "feedback_responses" USING btree ("given_on");--> statement-breakpoint
CREATE INDEX "portal_sessions_expires" ON "portal_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "questions_status_due" ON "questions" USING btree ("status","due_by");--> statement-breakpoint
CREATE INDEX "questions_case" ON "questions" USING btree ("case_id","asked_at");--> statement-breakpoint
CREATE INDEX "questions_liability" ON "questions" USING btree ("liability_id","asked_at");--> statement-breakpoint
CREATE INDEX "questions_answered_on" ON "questions" USING btree ("answered_on");