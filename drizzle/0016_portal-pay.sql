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
CREATE INDEX "card_payments_liability" ON "card_payments" USING btree ("liability_id","started_at");