CREATE TABLE "employment_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "match_rejections" (
	"party_a" uuid NOT NULL,
	"party_b" uuid NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"score" real
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"display_name" text NOT NULL,
	"country" text,
	"date_of_birth" date,
	"nationality" text,
	"legal_form_code" text,
	"merged_into" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"town" text,
	"region" text,
	"postcode" text,
	"postcode_normalised" text,
	"country" text NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "party_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_identifiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"country" text,
	"value" text NOT NULL,
	"normalised" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_names" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"name" text NOT NULL,
	"core" text NOT NULL,
	"key" text NOT NULL,
	"alternative_key" text NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "vehicle_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"role" text NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration" text NOT NULL,
	"registration_key" text NOT NULL,
	"country" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "employment_links_person" ON "employment_links" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "employment_links_organisation" ON "employment_links" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_rejections_pair" ON "match_rejections" USING btree ("party_a","party_b");--> statement-breakpoint
CREATE INDEX "parties_merged_into" ON "parties" USING btree ("merged_into");--> statement-breakpoint
CREATE INDEX "parties_date_of_birth" ON "parties" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "party_addresses_party" ON "party_addresses" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_contacts_party" ON "party_contacts" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_identifiers_party" ON "party_identifiers" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_identifiers_value" ON "party_identifiers" USING btree ("kind","normalised");--> statement-breakpoint
CREATE INDEX "party_names_party" ON "party_names" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "party_names_key" ON "party_names" USING btree ("key");--> statement-breakpoint
CREATE INDEX "party_names_alternative_key" ON "party_names" USING btree ("alternative_key");--> statement-breakpoint
CREATE INDEX "party_names_core_trgm" ON "party_names" USING gin ("core" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicle_links_vehicle" ON "vehicle_links" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "vehicle_links_party" ON "vehicle_links" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_registration_country" ON "vehicles" USING btree ("registration_key","country");