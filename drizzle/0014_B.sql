ALTER TABLE "people_found" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "people_found" ADD COLUMN "nrm_outcome" jsonb;