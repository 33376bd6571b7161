ALTER TABLE "command_results" ADD COLUMN "scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "command_results" DROP CONSTRAINT "command_results_command_idempotency_key_pk";--> statement-breakpoint
ALTER TABLE "command_results" ADD CONSTRAINT "command_results_command_scope_idempotency_key_pk" PRIMARY KEY("command","scope","idempotency_key");
