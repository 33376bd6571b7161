import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { stageLabel } from '../../../domain/liability/stages.js';
import { CASEWORKERS } from '../../identity/roles.js';
import type { CasePageSection } from '../case-page-sections.js';
import { caseLinks, cases, liabilities } from '../schema.js';
import { currentLinks, LINK_REASONS, type LinkTarget } from './case-links.js';

/** The case page's linked cases (from the `case_links` read table, with the note from the case's events). */
export function linksSection(db: Db): CasePageSection {
  return {
    name: 'links',
    async load(file, actor) {
      const rows = await db
        .select({ reference: cases.reference, offence: cases.offence, stage: cases.stage, incidentDate: cases.incidentDate, reason: caseLinks.reason, createdAt: caseLinks.createdAt })
        .from(caseLinks)
        .innerJoin(cases, eq(cases.id, caseLinks.linkedCaseId))
        .where(eq(caseLinks.caseId, file.kase.id))
        .orderBy(asc(caseLinks.createdAt), asc(cases.reference));
      const notes = new Map([...currentLinks(file.events).values()].map((link) => [link.reference, link.note]));
      return {
        canLink: actor.roles.some((role) => (CASEWORKERS as readonly string[]).includes(role)),
        links: rows.map((row) => ({
          ...row,
          stageLabel: stageLabel(row.stage),
          reasonLabel: LINK_REASONS[row.reason as keyof typeof LINK_REASONS] ?? row.reason,
          note: notes.get(row.reference) ?? null,
        })),
      };
    },
  };
}

/** The case a link would point to, with what the decision checks; null when no case has that reference. */
export async function linkTarget(db: Db, reference: string): Promise<LinkTarget | null> {
  const [kase] = await db.select({ id: cases.id, reference: cases.reference, incidentDate: cases.incidentDate }).from(cases).where(eq(cases.reference, reference.trim().toUpperCase()));
  if (!kase) return null;
  const offences = await db.selectDistinct({ offence: liabilities.offence }).from(liabilities).where(eq(liabilities.caseId, kase.id));
  return { caseId: kase.id, reference: kase.reference, incidentDate: kase.incidentDate, offences: offences.map((o) => o.offence) };
}
