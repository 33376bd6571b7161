CREATE TABLE "case_links" (
	"case_id" uuid NOT NULL,
	"linked_case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "case_links_case_id_linked_case_id_pk" PRIMARY KEY("case_id","linked_case_id")
);
--> statement-breakpoint
CREATE TABLE "officer_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"case_id" uuid,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "officer_notifications_user" ON "officer_notifications" USING btree ("user_id","read_at");