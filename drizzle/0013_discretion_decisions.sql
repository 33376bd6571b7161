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
CREATE INDEX "discretion_decisions_approved_on" ON "discretion_decisions" USING btree ("approved_on");--> statement-breakpoint
CREATE INDEX "discretion_decisions_case" ON "discretion_decisions" USING btree ("case_id");