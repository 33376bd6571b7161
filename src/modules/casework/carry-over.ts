import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor } from '../../platform/events/event-store.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { caseLinks, cases, liabilities, officerNotifications } from './schema.js';
import { carryOverPayload } from './carry-over-rows.js';
import { casesProjector } from './projector.js';
import { project, type Projector } from '../../platform/projections/projector.js';

export interface CarryOverDependencies {
  /** The case's letters as correspondence keeps them (its published `lettersOfCaseById`). */
  lettersOf: (tx: Db, caseId: string) => Promise<readonly object[]>;
  /** The other projectors of what `CaseCarriedOver` holds (correspondence's, for the letters); the cases projector runs first. */
  projectors: readonly Projector[];
}

const UPGRADE: Actor = { id: 'system', name: 'Cordon (upgrade)', roles: ['administrator'] };

/**
 * Once, after the migrations: each case opened before `CaseOpened` carried every fact of its row
 * (its events lack the vehicle, the referrer, when each stage began…) gets a `CaseCarriedOver`
 * on its stream with its rows (case, liabilities, links, letters, messages to officers about it) as they are, so replaying the log gives them back exactly. A case
 * already carried over, or opened since, is left alone; running it again changes nothing.
 */
export async function carryOverCases(db: Db, deps: CarryOverDependencies, now: Date = new Date()): Promise<number> {
  const waiting = rowsOf<{ id: string }>(
    await db.execute(sql`
      select c.id from cases c
      where exists (select 1 from events e where e.stream_id = 'case-' || c.id and e.type = ${CASE_EVENT.CaseOpened} and not (e.payload ? 'referredBy'))
        and not exists (select 1 from events e where e.stream_id = 'case-' || c.id and e.type = ${CASE_EVENT.CaseCarriedOver})
      order by c.reference`),
  );
  for (const { id } of waiting) {
    await db.transaction(async (tx) => {
      const [kase] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
      if (!kase) return;
      const rows = await tx.select().from(liabilities).where(eq(liabilities.caseId, id)).orderBy(asc(liabilities.id));
      const links = await tx.select().from(caseLinks).where(eq(caseLinks.caseId, id)).orderBy(asc(caseLinks.linkedCaseId));
      const notifications = await tx.select().from(officerNotifications).where(eq(officerNotifications.caseId, id)).orderBy(asc(officerNotifications.id));
      const letters = await deps.lettersOf(tx, id);
      const streamId = `case-${id}`;
      const event = { type: CASE_EVENT.CaseCarriedOver, payload: carryOverPayload(kase, rows, links, notifications, letters) };
      const version = await appendEvents(tx, { streamId, streamType: 'case', expectedVersion: await streamVersion(tx, streamId), events: [event], actor: UPGRADE, occurredAt: now });
      await project(tx, [casesProjector, ...deps.projectors], [{ streamId, streamType: 'case', version, type: event.type, payload: event.payload as unknown as Record<string, unknown>, actorId: UPGRADE.id, actorName: UPGRADE.name, occurredAt: now }]);
    });
  }
  return waiting.length;
}
