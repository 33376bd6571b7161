CREATE TABLE "case_search_names" (
	"case_id" uuid NOT NULL,
	"key" text NOT NULL,
	"words" text[] NOT NULL,
	CONSTRAINT "case_search_names_case_id_key_pk" PRIMARY KEY("case_id","key")
);
--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "language" text;--> statement-breakpoint
CREATE INDEX "case_search_names_key_trgm" ON "case_search_names" USING gin ("key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_search_names_words" ON "case_search_names" USING gin ("words");