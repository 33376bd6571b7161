ALTER TABLE "liabilities" ADD COLUMN "party_id" uuid;--> statement-breakpoint
CREATE INDEX "liabilities_party" ON "liabilities" USING btree ("party_id");