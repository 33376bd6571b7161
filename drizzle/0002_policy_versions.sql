CREATE TABLE "policy_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"parameters" jsonb NOT NULL,
	"reason" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"publication_order" integer NOT NULL
);
