CREATE TABLE "incident_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"file_hash" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"original_name" text NOT NULL,
	"thumbnail_hash" text,
	"kind" text NOT NULL,
	"requirement_code" text,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"search_id" uuid,
	"incident_date" date,
	"port_code" text,
	"case_id" uuid,
	"case_reference" text,
	"not_referred_reason" text,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people_found" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"apparent_child" boolean NOT NULL,
	"potential_victim_of_trafficking" boolean NOT NULL,
	"nrm_referral_reference" text,
	"medical_need" boolean NOT NULL,
	"checks" jsonb NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "searches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"searched_at" timestamp with time zone NOT NULL,
	"port_code" text NOT NULL,
	"control_zone" text,
	"lane" text,
	"vehicle_kind" text NOT NULL,
	"tractor_registration" text,
	"tractor_key" text,
	"tractor_country" text,
	"trailer_registration" text,
	"trailer_key" text,
	"trailer_country" text,
	"selection_reason" text NOT NULL,
	"methods" text[] NOT NULL,
	"searched_by" text NOT NULL,
	"result" text NOT NULL,
	"recorded_by_id" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "incident_id" uuid;--> statement-breakpoint
CREATE INDEX "incident_evidence_incident" ON "incident_evidence" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_status" ON "incidents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "incidents_case" ON "incidents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "incidents_created_by" ON "incidents" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "people_found_incident" ON "people_found" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "searches_searched_at" ON "searches" USING btree ("searched_at");--> statement-breakpoint
CREATE INDEX "searches_port" ON "searches" USING btree ("port_code","searched_at");--> statement-breakpoint
CREATE INDEX "searches_tractor" ON "searches" USING btree ("tractor_key");--> statement-breakpoint
CREATE INDEX "searches_trailer" ON "searches" USING btree ("trailer_key");--> statement-breakpoint
CREATE INDEX "searches_recorded_by" ON "searches" USING btree ("recorded_by_id","recorded_at");