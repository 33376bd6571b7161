CREATE TABLE "liability_calculations" (
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"seq" bigint NOT NULL,
	"liability_id" text NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"day" date,
	"steps" jsonb,
	CONSTRAINT "liability_calculations_stream_id_version_pk" PRIMARY KEY("stream_id","version")
);
--> statement-breakpoint
CREATE TABLE "liability_money_steps" (
	"stream_id" text NOT NULL,
	"version" integer NOT NULL,
	"seq" bigint NOT NULL,
	"liability_id" text NOT NULL,
	"type" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"amount_pence" bigint,
	"outcome" text,
	"referral_id" text,
	"notice_date" date,
	CONSTRAINT "liability_money_steps_stream_id_version_pk" PRIMARY KEY("stream_id","version")
);
--> statement-breakpoint
CREATE INDEX "liability_calculations_day" ON "liability_calculations" USING btree ("day");--> statement-breakpoint
CREATE INDEX "liability_money_steps_liability" ON "liability_money_steps" USING btree ("liability_id");--> statement-breakpoint
CREATE INDEX "liability_money_steps_notice_date" ON "liability_money_steps" USING btree ("notice_date") WHERE "liability_money_steps"."notice_date" is not null;--> statement-breakpoint
-- The money steps already in the log, as casework's projector (projectMoneySteps) writes them, in the
-- log's order: `cordon projections rebuild --verify` checks the two agree.
INSERT INTO "liability_money_steps" ("stream_id", "version", "seq", "liability_id", "type", "recorded_at", "amount_pence", "outcome", "referral_id", "notice_date")
SELECT e."stream_id", e."version", e."seq", e."payload"->>'liabilityId', e."type", e."occurred_at", (e."payload"->>'amountPence')::bigint,
       e."payload"->>'outcome', e."payload"->>'referralId', (e."payload"->>'noticeDate')::date
FROM "events" e
WHERE e."stream_type" = 'case'
  AND e."type" IN ('PenaltyImposed', 'ObjectionDetermined', 'AppealDecided', 'MeansReductionAssured', 'PaymentReceived', 'RefundApproved', 'DetentionCostsCharged', 'WriteOffApproved', 'DebtReferredToAgency', 'DebtAgencyOutcomeRecorded', 'LiabilityClosed')
ORDER BY e."seq";
--> statement-breakpoint
-- The calculations already in the log, as casework's projector (projectCalculations) writes them, in
-- the log's order: `cordon projections rebuild --verify` checks the two agree.
INSERT INTO "liability_calculations" ("stream_id", "version", "seq", "liability_id", "source", "recorded_at", "day", "steps")
SELECT e."stream_id", e."version", e."seq", e."payload"->>'liabilityId', CASE WHEN e."type" = 'ObjectionDetermined' THEN 'objection' ELSE 'recommendation' END, e."occurred_at", (e."payload"->>'on')::date,
       CASE WHEN e."type" = 'ObjectionDetermined' THEN e."payload"->'steps'
            ELSE (SELECT d."payload"->'steps' FROM "events" d
                  WHERE d."stream_id" = e."stream_id" AND d."type" = 'RecommendationDrafted' AND d."payload"->>'liabilityId' = e."payload"->>'liabilityId' AND d."version" < e."version"
                  ORDER BY d."version" DESC LIMIT 1) END
FROM "events" e
WHERE e."stream_type" = 'case'
  AND (e."type" = 'RecommendationApproved' OR (e."type" = 'ObjectionDetermined' AND jsonb_typeof(e."payload"->'steps') = 'array'))
ORDER BY e."seq";
