CREATE TABLE "officer_training" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"home_port" text,
	"ifc_part1_on" date,
	"ifc_part2_on" date,
	"ppst_level" integer,
	"ppst_passed_on" date,
	"ppst_expires_on" date,
	"s31a_trained_on" date,
	"version" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
