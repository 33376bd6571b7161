import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import { streamVersion } from '../../../platform/events/event-store.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import { LINK_REASONS, type LinkReason } from '../../../domain/case/choices.js';
import { currentLinks, decideLinkCase, decideUnlinkCase, linkedCaseIdOf } from '../../../domain/case/links.js';

export { currentLinks };

/* Linked cases: one decision records the link on both cases' streams; each stream's event makes its side of `case_links`. */

export { LINK_REASONS, type LinkReason };

/** What the route found about the case to link to (the decision checks it). */
const target = z.object({ caseId: z.string(), reference: z.string(), incidentDate: z.string(), offences: z.array(z.string()) });
export type LinkTarget = z.infer<typeof target>;

/** The other case's stream version: the decision records the same event there, after it (`alsoOn`). */
const versionOf = async (tx: Db, caseId: string | null) => ({ otherCaseVersion: caseId ? await streamVersion(tx, `case-${caseId}`) : 0 });

export const linkCase = caseCommand({
  name: 'linkCase',
  input: z.object({ reference: z.string(), reason: z.enum(Object.keys(LINK_REASONS) as [LinkReason, ...LinkReason[]]), note: z.string().trim().max(2000).optional(), target }),
  roles: CASEWORKERS,
  loadFacts: (tx, input) => versionOf(tx, input.target.caseId),
  decide: decideLinkCase,
});

export const unlinkCase = caseCommand({
  name: 'unlinkCase',
  input: z.object({ reference: z.string(), linkedReference: z.string() }),
  roles: CASEWORKERS,
  loadFacts: (tx, input, file) => versionOf(tx, linkedCaseIdOf(file, input.linkedReference)),
  decide: decideUnlinkCase,
});
