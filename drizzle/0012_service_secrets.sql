CREATE TABLE "service_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"current" text NOT NULL,
	"previous" text,
	"previous_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone
);
