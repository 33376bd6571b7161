CREATE TABLE "name_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"frequency" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_name_tokens" (
	"token" text NOT NULL,
	"party_id" uuid NOT NULL,
	CONSTRAINT "party_name_tokens_token_party_id_pk" PRIMARY KEY("token","party_id")
);
--> statement-breakpoint
CREATE INDEX "name_tokens_trgm" ON "name_tokens" USING gin ("token" gin_trgm_ops);