CREATE TABLE "recommendation_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"description" text NOT NULL,
	"due_date" date NOT NULL,
	"added_by_name" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"completed_on" date,
	"completed_by_name" text
);
--> statement-breakpoint
CREATE TABLE "recommendation_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"description" text NOT NULL,
	"link" text,
	"recorded_on" date NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" text NOT NULL,
	"inspection_title" text NOT NULL,
	"inspection_year" integer NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"response" text NOT NULL,
	"response_wording" text,
	"paragraph" text,
	"response_paragraph" text,
	"figure" text,
	"owner_id" text,
	"owner_name" text,
	"due_date" date,
	"status" text NOT NULL,
	"evidence_count" integer NOT NULL,
	"closed_on" date,
	"closed_by_name" text,
	"closing_summary" text,
	"embedded_check_due" date,
	"checked_on" date,
	"embedded" boolean,
	"check_notes" text,
	"checked_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "recommendation_actions_recommendation" ON "recommendation_actions" USING btree ("recommendation_id","due_date");--> statement-breakpoint
CREATE INDEX "recommendation_evidence_recommendation" ON "recommendation_evidence" USING btree ("recommendation_id","recorded_at");--> statement-breakpoint
CREATE INDEX "recommendations_inspection" ON "recommendations" USING btree ("inspection_year","inspection_id");--> statement-breakpoint
CREATE INDEX "recommendations_owner" ON "recommendations" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "recommendations_status" ON "recommendations" USING btree ("status","due_date");