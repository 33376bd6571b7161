CREATE TABLE "accreditation_applications" (
	"reference" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"company_name" text NOT NULL,
	"normalised_name" text NOT NULL,
	"country" text NOT NULL,
	"address_lines" jsonb NOT NULL,
	"postcode" text,
	"operator_licence" text NOT NULL,
	"contact_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"number_of_drivers" integer NOT NULL,
	"language" text NOT NULL,
	"channel" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"driver_checklist_file_ids" jsonb NOT NULL,
	"driver_checklists_required" integer NOT NULL,
	"received_on" date NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"decided_on" date,
	"open_request" jsonb,
	"refusal_proposal" jsonb,
	"refusal_approved_by_name" text,
	"party_id" uuid,
	"member_from" date,
	"withdrawn_reason" text,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accreditation_area_assessments" (
	"reference" text NOT NULL,
	"area" text NOT NULL,
	"outcome" text NOT NULL,
	"notes" text NOT NULL,
	"assessed_by_id" text NOT NULL,
	"assessed_by_name" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accreditation_area_assessments_reference_area_pk" PRIMARY KEY("reference","area")
);
--> statement-breakpoint
CREATE TABLE "accreditation_information" (
	"reference" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"areas" jsonb NOT NULL,
	"text" text NOT NULL,
	"file_ids" jsonb NOT NULL,
	"on" date NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "accreditation_information_reference_version_pk" PRIMARY KEY("reference","version")
);
--> statement-breakpoint
CREATE TABLE "accreditation_memberships" (
	"application_reference" text PRIMARY KEY NOT NULL,
	"party_id" uuid NOT NULL,
	"member_from" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accreditation_application_drafts" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb NOT NULL,
	"email_key" text,
	"code_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accreditation_draft_return_failures" (
	"email_key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "accreditation_member_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party_id" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"findings" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"notes" text NOT NULL,
	"next_check_due" date NOT NULL,
	"recorded_by_id" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accreditation_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_reference" text NOT NULL,
	"kind" text NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"file_hash" text NOT NULL,
	"produced_on" date NOT NULL,
	"produced_by_name" text NOT NULL,
	"emailed_to" text,
	"emailed_on" date,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "accreditation_applications_status_due" ON "accreditation_applications" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "accreditation_applications_decided_on" ON "accreditation_applications" USING btree ("decided_on");--> statement-breakpoint
CREATE INDEX "accreditation_applications_name" ON "accreditation_applications" USING btree ("normalised_name");--> statement-breakpoint
CREATE INDEX "accreditation_memberships_party" ON "accreditation_memberships" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "accreditation_application_drafts_expires" ON "accreditation_application_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "accreditation_application_drafts_return" ON "accreditation_application_drafts" USING btree ("email_key","code_hash");--> statement-breakpoint
CREATE INDEX "accreditation_member_checks_party" ON "accreditation_member_checks" USING btree ("party_id","date");--> statement-breakpoint
CREATE INDEX "accreditation_letters_application" ON "accreditation_letters" USING btree ("application_reference");