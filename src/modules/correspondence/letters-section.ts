import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import { isLanguage, languageName } from '../../platform/i18n/languages.js';
import { CASEWORKERS, type Role } from '../identity/roles.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import type { CaseFile } from '../casework/case-file.js';
import { caseLetters } from './schema.js';
import { ADDRESS_APPROVERS } from './correspondence-commands.js';
import { RISK_LEVELS, addressChangesOf, dataBreachesOf, responseDocumentsOf } from './correspondence-events.js';
import { CASE_EVENT } from '../../domain/case/events.js';

export type LetterRow = typeof caseLetters.$inferSelect;

/** "English and Polish": every letter is English, followed by the recipient's language. */
export function letterLanguages(language: string): string {
  return language === 'en' || !isLanguage(language) ? 'English' : `English and ${languageName(language)}`;
}

export async function lettersOfCase(db: Db, caseId: string): Promise<LetterRow[]> {
  return db.select().from(caseLetters).where(eq(caseLetters.caseId, caseId)).orderBy(asc(caseLetters.createdAt), asc(caseLetters.id));
}

function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role as Role));
}

/** What the case page shows about letters: `sections.letters` (case level) and `byLiability` (each person's card). */
export async function lettersView(db: Db, file: CaseFile, actor: Actor) {
  const rows = await lettersOfCase(db, file.kase.id);
  const breaches = dataBreachesOf(file.events).map((breach) => ({ ...breach, riskLabel: RISK_LEVELS[breach.riskLevel] }));
  const caseworker = hasRole(actor, CASEWORKERS);
  const people = new Map(file.liabilities.map((row) => [row.id, `${row.role.charAt(0).toUpperCase()}${row.role.slice(1)}: ${row.partyName}`]));
  const letters = rows.map((row) => {
    const address = row.addressLines.join(', ');
    // The letter went to an address later recorded as wrong (the re-send's requirement keeps it).
    const wrongAddress =
      address !== '' &&
      file.events.some((event) => event.type === CASE_EVENT.InitialNoticeResendRequired && event.payload.liabilityId === row.liabilityId && event.payload.wrongAddress === address);
    return {
      ...row,
      person: row.liabilityId ? (people.get(row.liabilityId) ?? null) : null,
      languages: letterLanguages(row.language),
      href: `/cases/${file.kase.reference}/letters/${row.id}.pdf`,
      breachHref: `/cases/${file.kase.reference}/letters/${row.id}/data-breach`,
      wrongAddress,
      breaches: breaches.filter((breach) => breach.letterId === row.id),
    };
  });
  const byLiability = Object.fromEntries(
    file.liabilities.map((row) => {
      const state = file.states.get(row.id)!;
      const changes = addressChangesOf(file.events, row.id);
      const pending = changes.find((change) => change.status === 'pending') ?? null;
      return [
        row.id,
        {
          documents: responseDocumentsOf(file.events, row.id).map((entry) => ({
            ...entry,
            files: entry.files.map((document) => ({ ...document, href: `/cases/${file.kase.reference}/response-documents/${document.hash}` })),
          })),
          canAddDocuments: caseworker && state.initialNotices.length > 0,
          addressChanges: changes.filter((change) => change.status !== 'pending'),
          pendingAddressChange: pending,
          canProposeAddress: caseworker && !pending,
          canDecideAddress: Boolean(pending) && (hasRole(actor, ADDRESS_APPROVERS) || pending?.by === actor.id),
          ownProposal: pending?.by === actor.id,
        },
      ];
    }),
  );
  return { letters, breaches, byLiability, canRecordBreach: caseworker };
}

/** The case page's "Letters" section, and the letters part of each responsible person's card. */
export function lettersSection(db: Db): CasePageSection {
  return { name: 'letters', load: (file, actor) => lettersView(db, file, actor) };
}
