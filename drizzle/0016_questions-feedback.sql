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
CREATE INDEX "feedback_responses_given_on" ON "feedback_responses" USING btree ("given_on");--> statement-breakpoint
CREATE INDEX "questions_status_due" ON "questions" USING btree ("status","due_by");--> statement-breakpoint
CREATE INDEX "questions_case" ON "questions" USING btree ("case_id","asked_at");--> statement-breakpoint
CREATE INDEX "questions_liability" ON "questions" USING btree ("liability_id","asked_at");--> statement-breakpoint
CREATE INDEX "questions_answered_on" ON "questions" USING btree ("answered_on");