import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { FEEDBACK_EVENT } from '../../domain/questions/events.js';

/*
 * The feedback comments not yet given a theme, for the page where analysts and managers theme them
 * (`/reports/annual/feedback-themes`). Read from the log as it is now (the annual report reads the
 * themes as of its asOf): each response's stream, its comments and the version the form carries.
 */

export interface UnthemedFeedback {
  feedbackId: string;
  comments: string;
  satisfaction: string;
  givenOn: string;
  version: number;
}

/** The longest list shown at once: the oldest first, so the backlog is worked in order. */
export const UNTHEMED_PAGE = 50;

export async function unthemedFeedback(db: Db): Promise<{ total: number; rows: UnthemedFeedback[] }> {
  const unthemed = sql`
    from events e
    where e.type = ${FEEDBACK_EVENT.FeedbackGiven} and coalesce(e.payload->>'comments', '') <> ''
      and not exists (select 1 from events th where th.stream_id = e.stream_id and th.type = ${FEEDBACK_EVENT.FeedbackThemed})`;
  const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n ${unthemed}`));
  const rows = rowsOf<{ feedback_id: string; comments: string; satisfaction: string; given_on: string; version: number }>(
    await db.execute(sql`
      select e.payload->>'feedbackId' as feedback_id, e.payload->>'comments' as comments, e.payload->>'satisfaction' as satisfaction,
             e.payload->>'givenOn' as given_on, (select max(v.version) from events v where v.stream_id = e.stream_id)::int as version
      ${unthemed}
      order by e.seq
      limit ${UNTHEMED_PAGE}`),
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({ feedbackId: r.feedback_id, comments: r.comments, satisfaction: r.satisfaction, givenOn: r.given_on, version: Number(r.version) })),
  };
}
