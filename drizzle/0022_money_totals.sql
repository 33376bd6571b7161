CREATE TABLE "liability_money_totals" (
	"stream_id" text NOT NULL,
	"liability_id" text NOT NULL,
	"first_penalty_version" integer,
	"first_penalty_seq" bigint,
	"first_penalty_recorded_at" timestamp with time zone,
	"notice_date" date,
	"imposed_pence" bigint,
	"cancelled" boolean NOT NULL,
	"last_amount_pence" bigint,
	"paid_pence" bigint NOT NULL,
	"refunded_pence" bigint NOT NULL,
	"costs_pence" bigint NOT NULL,
	"written_off" boolean NOT NULL,
	"referred" boolean NOT NULL,
	"last_recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "liability_money_totals_stream_id_liability_id_pk" PRIMARY KEY("stream_id","liability_id")
);
--> statement-breakpoint
CREATE INDEX "liability_money_totals_notice_date" ON "liability_money_totals" USING btree ("notice_date") WHERE "liability_money_totals"."notice_date" is not null;--> statement-breakpoint
CREATE INDEX "liability_money_totals_last_recorded_at" ON "liability_money_totals" USING btree ("last_recorded_at");--> statement-breakpoint
-- Every liability's totals from its money steps already in the table, as casework's projector
-- (projectMoneyTotals, src/modules/casework/money-totals.ts) writes them: `cordon projections rebuild --verify` checks the two agree.
INSERT INTO "liability_money_totals" ("stream_id", "liability_id", "first_penalty_version", "first_penalty_seq", "first_penalty_recorded_at", "notice_date",
  "imposed_pence", "cancelled", "last_amount_pence", "paid_pence", "refunded_pence", "costs_pence", "written_off", "referred", "last_recorded_at")
SELECT l."stream_id", l."liability_id", l."first_penalty_version", p."seq", p."recorded_at", p."notice_date", p."amount_pence",
       l."cancelled", l."last_amount_pence", l."paid_pence", l."refunded_pence", l."costs_pence", l."written_off",
       (l."has_referral" AND EXISTS (
         SELECT 1 FROM "liability_money_steps" x
         WHERE x."stream_id" = l."stream_id" AND x."liability_id" = l."liability_id" AND x."type" = 'DebtReferredToAgency'
           AND (l."closed_version" IS NULL OR x."version" >= l."closed_version")
           AND NOT EXISTS (SELECT 1 FROM "liability_money_steps" y WHERE y."stream_id" = x."stream_id" AND y."type" = 'DebtAgencyOutcomeRecorded' AND y."referral_id" = x."referral_id"))),
       l."last_recorded_at"
FROM (
  SELECT x."stream_id", x."liability_id",
         min(x."version") FILTER (WHERE x."type" = 'PenaltyImposed') AS "first_penalty_version",
         coalesce(bool_or(x."type" IN ('ObjectionDetermined', 'AppealDecided') AND x."outcome" IN ('cancel', 'cancelled')), false) AS "cancelled",
         (max(ARRAY[x."version"::bigint, x."amount_pence"]) FILTER (WHERE x."type" IN ('PenaltyImposed', 'ObjectionDetermined', 'AppealDecided', 'MeansReductionAssured')))[2] AS "last_amount_pence",
         coalesce(sum(x."amount_pence") FILTER (WHERE x."type" = 'PaymentReceived'), 0) AS "paid_pence",
         coalesce(sum(x."amount_pence") FILTER (WHERE x."type" = 'RefundApproved'), 0) AS "refunded_pence",
         coalesce(sum(x."amount_pence") FILTER (WHERE x."type" = 'DetentionCostsCharged'), 0) AS "costs_pence",
         coalesce(bool_or(x."type" = 'WriteOffApproved'), false) AS "written_off",
         coalesce(bool_or(x."type" = 'DebtReferredToAgency'), false) AS "has_referral",
         max(x."version") FILTER (WHERE x."type" = 'LiabilityClosed') AS "closed_version",
         max(x."recorded_at") AS "last_recorded_at"
  FROM "liability_money_steps" x
  GROUP BY x."stream_id", x."liability_id"
) l
LEFT JOIN "liability_money_steps" p ON p."stream_id" = l."stream_id" AND p."version" = l."first_penalty_version";
