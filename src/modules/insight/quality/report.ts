import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { rowsOf } from '../../../platform/database/client.js';
import { DATA_QUALITY_EVENT } from '../../../domain/insight/data-quality.js';
import { QUALITY_CHECKS, type QualityCheck } from './checks.js';

/*
 * Runs the data-quality checks: every check's count in one statement, one check's findings a page
 * at a time, and the daily measurements read back from the `data-quality` stream.
 */

export interface Finding {
  record: string;
  case_id: string | null;
  case_reference: string | null;
  party_id: string | null;
  incident_id: string | null;
  subject: string | null;
  facts: Record<string, unknown>;
}

export interface QualityCount {
  name: string;
  group: QualityCheck['group'];
  count: number;
}

/** How many records each check finds today, in the catalogue's order. */
export async function qualityCounts(db: Db, today: string): Promise<QualityCount[]> {
  const parts = QUALITY_CHECKS.map((check, index) => sql`select ${index}::int as position, count(*)::int as n from (${check.findings(today)}) f${sql.raw(String(index))}`);
  const rows = rowsOf<{ position: number; n: number }>(await db.execute(sql.join(parts, sql` union all `)));
  const byPosition = new Map(rows.map((r) => [Number(r.position), Number(r.n)]));
  return QUALITY_CHECKS.map((check, index) => ({ name: check.name, group: check.group, count: byPosition.get(index) ?? 0 }));
}

export const PAGE_SIZE = 50;

/** One page of a check's findings (ordered by subject, then record) and how many there are in all. */
export async function qualityFindings(db: Db, check: QualityCheck, today: string, page: { number: number; size?: number } | 'all'): Promise<{ total: number; findings: Finding[] }> {
  const size = page === 'all' ? null : (page.size ?? PAGE_SIZE);
  const offset = page === 'all' ? 0 : (page.number - 1) * size!;
  const rows = rowsOf<Finding & { total: number }>(
    await db.execute(sql`select f.*, count(*) over ()::int as total from (${check.findings(today)}) f
      order by f.subject nulls last, f.record
      ${size === null ? sql`` : sql`limit ${size} offset ${offset}`}`),
  );
  const total = rows.length ? Number(rows[0]!.total) : page === 'all' || offset === 0 ? 0 : await countOf(db, check, today);
  return { total, findings: rows.map(({ total: _total, ...finding }) => ({ ...finding, facts: (finding.facts ?? {}) as Record<string, unknown> })) };
}

async function countOf(db: Db, check: QualityCheck, today: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${check.findings(today)}) f`));
  return Number(row?.n ?? 0);
}

export interface Measurement {
  on: string;
  counts: Record<string, number>;
}

/** The latest `limit` days measured, newest first (from the log: `DataQualityMeasured`, one per day). */
export async function qualityMeasurements(db: Db, limit = 12): Promise<Measurement[]> {
  const rows = rowsOf<{ on: string; counts: Record<string, number> }>(
    await db.execute(sql`select e.payload ->> 'on' as on, e.payload -> 'counts' as counts from events e
      where e.stream_type = 'data-quality' and e.type = ${DATA_QUALITY_EVENT.DataQualityMeasured}
      order by e.payload ->> 'on' desc limit ${limit}`),
  );
  return rows.map((r) => ({ on: r.on, counts: r.counts }));
}
