CREATE TABLE "api_token_hashes" (
	"token_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	CONSTRAINT "api_token_hashes_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "user_passwords" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL
);
--> statement-breakpoint
-- The secrets' hashes move beside their rows, out of the tables the event log rebuilds.
INSERT INTO "user_passwords" ("user_id", "password_hash") SELECT "id", "password_hash" FROM "users";--> statement-breakpoint
INSERT INTO "api_token_hashes" ("token_id", "token_hash") SELECT "id", "token_hash" FROM "api_tokens";--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_token_hash_unique";--> statement-breakpoint
ALTER TABLE "api_token_hashes" ADD CONSTRAINT "api_token_hashes_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_passwords" ADD CONSTRAINT "user_passwords_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "token_hash";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "password_hash";