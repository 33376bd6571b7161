import type { caseLinks, cases, liabilities, officerNotifications } from './schema.js';

/*
 * Pure: a case's rows as an upgrade carried them over onto its stream (`CaseCarriedOver`), and back.
 * Cases opened and worked by code older than the cases projector have events that lack facts their
 * rows hold (the vehicle, the referrer, when each stage began): the event keeps the rows as they
 * were, so replaying the log gives them back exactly.
 */

type CaseRow = typeof cases.$inferSelect;
type LiabilityRow = typeof liabilities.$inferSelect;
type LinkRow = typeof caseLinks.$inferSelect;
type NotificationRow = typeof officerNotifications.$inferSelect;

export interface CarriedOverPayload {
  case: Record<string, unknown>;
  liabilities: Record<string, unknown>[];
  links: Record<string, unknown>[];
  notifications?: Record<string, unknown>[];
  /** The case's letters (correspondence's rows, put back by its projector). */
  letters?: Record<string, unknown>[];
}

/** The rows as JSON (timestamps as ISO text); the version is the event's own, so it is left out. */
export function carryOverPayload(kase: CaseRow, rows: readonly LiabilityRow[], links: readonly LinkRow[], notifications: readonly NotificationRow[], letters: readonly object[]): CarriedOverPayload {
  const { version: _version, ...rest } = kase;
  return JSON.parse(JSON.stringify({ case: rest, liabilities: rows, links, notifications, letters })) as CarriedOverPayload;
}

const when = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);

export function carriedOverRows(payload: Record<string, unknown>) {
  const p = payload as unknown as CarriedOverPayload;
  const kase = { ...p.case, createdAt: when(p.case.createdAt)!, stageSince: when(p.case.stageSince), assignedAt: when(p.case.assignedAt) } as Omit<CaseRow, 'version'>;
  return {
    kase,
    liabilities: p.liabilities.map((row) => ({ ...row, stageSince: when(row.stageSince) }) as LiabilityRow),
    links: p.links.map((row) => ({ ...row, createdAt: when(row.createdAt)! }) as LinkRow),
    notifications: (p.notifications ?? []).map((row) => ({ ...row, createdAt: when(row.createdAt)!, readAt: when(row.readAt) }) as NotificationRow),
  };
}
