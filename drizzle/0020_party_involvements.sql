CREATE TABLE "party_involvements" (
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"liability_id" text NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"party_id" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"case_seq" bigint,
	"case_opened_at" timestamp with time zone,
	"incident_date" date,
	"reference" text,
	CONSTRAINT "party_involvements_stream_id_version_pk" PRIMARY KEY("stream_id","version")
);
--> statement-breakpoint
CREATE INDEX "party_involvements_liability" ON "party_involvements" USING btree ("liability_id");--> statement-breakpoint
CREATE INDEX "party_involvements_incident_date" ON "party_involvements" USING btree ("incident_date");--> statement-breakpoint
CREATE INDEX "party_involvements_party" ON "party_involvements" USING btree ("party_id","incident_date");--> statement-breakpoint
-- The confirmations already in the log, as casework's projector (projectConfirmations) writes them:
-- `cordon projections rebuild --verify` checks the two agree.
INSERT INTO "party_involvements" ("stream_id", "version", "liability_id", "role", "kind", "party_id", "confirmed_at", "superseded_at", "case_seq", "case_opened_at", "incident_date", "reference")
SELECT c."stream_id", c."version", c."payload"->>'liabilityId', c."payload"->>'role', CASE WHEN c."payload"->>'role' = 'driver' THEN 'driver' ELSE 'company' END, c."payload"->>'partyId', c."occurred_at",
       (SELECT min(l."occurred_at") FROM "events" l WHERE l."stream_id" = c."stream_id" AND l."type" = 'LiabilityPartyConfirmed' AND l."payload"->>'liabilityId' = c."payload"->>'liabilityId' AND l."version" > c."version"),
       o."seq", o."occurred_at", (o."payload"->>'incidentDate')::date, o."payload"->>'reference'
FROM "events" c
LEFT JOIN LATERAL (SELECT e."seq", e."occurred_at", e."payload" FROM "events" e WHERE e."stream_id" = c."stream_id" AND e."type" = 'CaseOpened' ORDER BY e."version" LIMIT 1) o ON true
WHERE c."type" = 'LiabilityPartyConfirmed';
