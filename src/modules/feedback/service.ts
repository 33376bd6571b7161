import { randomUUID } from 'node:crypto';
import { and, asc, desc, gte, lte } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandOutcome } from '../../platform/events/command.js';
import { SATISFACTION, type Satisfaction } from '../../domain/questions/events.js';
import { FEEDBACK_ACTOR, giveFeedback, themeFeedback } from './commands.js';
import type { Actor } from '../../platform/events/event-store.js';
import { feedbackResponses } from './schema.js';

export const SATISFACTION_NAMES: Record<Satisfaction, string> = {
  'very-satisfied': 'Very satisfied',
  satisfied: 'Satisfied',
  neither: 'Neither satisfied nor dissatisfied',
  dissatisfied: 'Dissatisfied',
  'very-dissatisfied': 'Very dissatisfied',
};

/**
 * Where a response came from: a path on this service (`/portal/...`, `/contact`), never another
 * site, no more than 500 characters, no control characters. Anything else is not kept.
 */
export function safeFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const path = value.trim();
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || path.length > 500) return null;
  if (/[\u0000-\u001f\u007f\s]/.test(path) || /[\uD800-\uDFFF]/.test(path)) return null;
  if (path.startsWith('/feedback')) return null;
  return path;
}

export function feedbackService(db: Db, deps: { clock: { now(): Date } }) {
  return {
    give(input: { satisfaction: Satisfaction; comments?: string | null; from?: string | null; language: string }, feedbackId = randomUUID()): Promise<CommandOutcome<{ feedbackId: string }>> {
      return executeCommand(db, giveFeedback, { ...input, feedbackId }, { actor: FEEDBACK_ACTOR, now: deps.clock.now(), idempotencyKey: `feedback:${feedbackId}` });
    },

    /** Gives a response's comments a theme (analyst, manager); `expectedVersion`: the response's version the page showed. */
    theme(input: { feedbackId: string; theme: string }, context: { actor: Actor; expectedVersion?: number }): Promise<CommandOutcome<{ feedbackId: string; theme: string }>> {
      return executeCommand(db, themeFeedback, input, { actor: context.actor, now: deps.clock.now(), expectedVersion: context.expectedVersion });
    },

    /**
     * For the annual report's stakeholder feedback section: the responses given between two dates
     * (inclusive), counted by satisfaction and by month, with the comments.
     */
    async report(from: string, to: string) {
      const rows = await db.select().from(feedbackResponses).where(and(gte(feedbackResponses.givenOn, from), lte(feedbackResponses.givenOn, to))).orderBy(asc(feedbackResponses.givenAt));
      const bySatisfaction = Object.fromEntries(SATISFACTION.map((s) => [s, rows.filter((r) => r.satisfaction === s).length])) as Record<Satisfaction, number>;
      const months = new Map<string, Record<Satisfaction, number> & { total: number }>();
      for (const row of rows) {
        const month = row.givenOn.slice(0, 7);
        const entry = months.get(month) ?? { ...(Object.fromEntries(SATISFACTION.map((s) => [s, 0])) as Record<Satisfaction, number>), total: 0 };
        entry[row.satisfaction as Satisfaction] += 1;
        entry.total += 1;
        months.set(month, entry);
      }
      const satisfied = bySatisfaction['very-satisfied'] + bySatisfaction.satisfied;
      return {
        from,
        to,
        total: rows.length,
        satisfiedPercent: rows.length ? Math.round((satisfied / rows.length) * 100) : null,
        bySatisfaction,
        byMonth: [...months.entries()].map(([month, counts]) => ({ month, ...counts })),
        comments: rows.filter((r) => r.comments).map((r) => ({ givenOn: r.givenOn, satisfaction: r.satisfaction as Satisfaction, comments: r.comments!, from: r.fromPath, language: r.language })),
      };
    },

    async latest(limit = 200) {
      return db.select().from(feedbackResponses).orderBy(desc(feedbackResponses.givenAt)).limit(limit);
    },
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
