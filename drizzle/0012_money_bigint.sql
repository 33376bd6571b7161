ALTER TABLE "liabilities" ALTER COLUMN "amount_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "liabilities" ALTER COLUMN "outstanding_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "debt_referrals" ALTER COLUMN "amount_pence" SET DATA TYPE bigint;