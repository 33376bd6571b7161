CREATE TABLE "case_search_names" (
	"case_id" uuid NOT NULL,
	"key" text NOT NULL,
	"words" text[] NOT NULL,
	CONSTRAINT "case_search_names_case_id_key_pk" PRIMARY KEY("case_id","key")
);
--> statement-breakpoint
CREATE TABLE "discretion_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"liability_id" uuid NOT NULL,
	"port_code" text NOT NULL,
	"reason_code" text NOT NULL,
	"explanation" text,
	"basis_points" integer NOT NULL,
	"after_means" boolean NOT NULL,
	"reduced_pence" bigint NOT NULL,
	"recommended_pence" bigint NOT NULL,
	"drafted_by" text NOT NULL,
	"approved_by" text NOT NULL,
	"approved_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_letters" ADD COLUMN "layout_hash" text;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "language" text;--> statement-breakpoint
CREATE INDEX "case_search_names_key_trgm" ON "case_search_names" USING gin ("key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_search_names_words" ON "case_search_names" USING gin ("words");--> statement-breakpoint
CREATE INDEX "discretion_decisions_approved_on" ON "discretion_decisions" USING btree ("approved_on");--> statement-breakpoint
CREATE INDEX "discretion_decisions_case" ON "discretion_decisions" USING btree ("case_id");