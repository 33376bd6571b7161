import { pgTable, text, date, jsonb, timestamp, integer } from 'drizzle-orm/pg-core';

/** Published policy versions (DOMAIN.md "(policy)" values), in the order they were published. */
export const policyVersions = pgTable('policy_versions', {
  version: text('version').primaryKey(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  parameters: jsonb('parameters').notNull(),
  reason: text('reason').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  publishedBy: text('published_by').notNull(),
  publicationOrder: integer('publication_order').notNull(),
});
