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
ALTER TABLE "searches" ADD COLUMN "detecting_method" text;--> statement-breakpoint
ALTER TABLE "searches" ADD COLUMN "detecting_method_unknown_reason" text;--> statement-breakpoint
CREATE INDEX "earlier_crossings_search" ON "earlier_crossings" USING btree ("search_id");