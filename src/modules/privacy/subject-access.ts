import type { Db } from '../../platform/database/client.js';
import { readStream, type StoredEvent } from '../../platform/events/event-store.js';
import type { PartiesService } from '../parties/service.js';
import { liabilitiesOfParties } from '../casework/queries.js';
import { lettersToLiabilities } from '../correspondence/queries.js';
import { incidentDataOf } from '../intake/queries.js';
import type { PersonalDataReadLogService } from './read-log.js';
import { normaliseName } from '../../domain/parties/names.js';
import { foldText } from '../../domain/parties/folding.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/** The kinds of liability event that are money: payments, refunds, instalments, what is due. */
const MONEY_EVENT = /^(Payment|Overpayment|Refund|Instalment|PaidInFull)/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function event(e: StoredEvent) {
  return { type: e.type, occurredAt: e.occurredAt.toISOString(), recordedBy: e.actorName, payload: e.payload };
}

/**
 * Whether a note names the person: the core of one of their names (without a legal form, folded to
 * lower-case ASCII, so "Baltic Freight" names "BALTIC FREIGHT SP. Z O.O.") appears in the note as
 * whole words. Cores shorter than 3 letters are ignored, so an initial does not match every note.
 */
function mentions(text: string, cores: readonly string[]): boolean {
  const folded = ` ${foldText(text)} `;
  return cores.some((core) => core.length >= 3 && folded.includes(` ${core} `));
}

export type SubjectAccessOutcome = { ok: true; value: Awaited<ReturnType<typeof buildExport>> } | { ok: false; message: string };

/**
 * Everything held about one party, for a subject access request: their register entry (and the
 * entries merged with it), the cases where they are a responsible person — their own liability,
 * what the border recorded about them, the events about their liability, their payments and the
 * letters sent to them (with the file's content hash in the file store) —, notes on those cases
 * that mention them by name, and every logged read of their record. Nothing about another person on
 * the same case: only events naming one of their liabilities are included.
 */
export async function subjectAccessExport(
  db: Db,
  deps: { parties: Pick<PartiesService, 'getParty'>; readLog: Pick<PersonalDataReadLogService, 'readsOf'>; now: Date },
  partyId: string,
): Promise<SubjectAccessOutcome> {
  if (!UUID.test(partyId)) return { ok: false, message: `"${partyId}" is not a party id: party ids look like 0192f3a4-5b6c-7d8e-9f01-23456789abcd.` };
  const found = await deps.parties.getParty(partyId.toLowerCase());
  if (!found) return { ok: false, message: `No party has the id ${partyId}.` };
  return { ok: true, value: await buildExport(db, deps, found) };
}

async function buildExport(
  db: Db,
  deps: { readLog: Pick<PersonalDataReadLogService, 'readsOf'>; now: Date },
  found: NonNullable<Awaited<ReturnType<PartiesService['getParty']>>>,
) {
  const members = found.identityMembers.length ? found.identityMembers : [found.party.id];
  const rows = await liabilitiesOfParties(db, members);
  const liabilityIds = rows.map((row) => row.liability.id);
  const legalForms = found.party.kind !== 'person';
  const cores = [...new Set([found.party.displayName, ...found.names.map((n) => n.name), ...rows.map((row) => row.liability.partyName)].map((name) => normaliseName(name, { legalForms }).core))];

  const byCase = new Map<string, typeof rows>();
  for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);

  const cases = [];
  const notes = [];
  const payments = [];
  for (const [caseId, theirs] of byCase) {
    const first = theirs[0]!;
    const own = new Set(theirs.map((row) => row.liability.id));
    const stream = await readStream(db, `case-${caseId}`);
    const about = stream.filter((e) => typeof e.payload.liabilityId === 'string' && own.has(e.payload.liabilityId));
    const incident = first.incidentId ? ((await incidentDataOf(db, first.incidentId)) as { responsiblePersons?: unknown[] } | null) : null;
    cases.push({
      reference: first.reference,
      offence: first.offence,
      incidentDate: first.incidentDate,
      port: first.portCode,
      vehicle: { registration: first.vehicleRegistration, country: first.vehicleCountry },
      stage: first.caseStage,
      openedAt: first.caseOpenedAt.toISOString(),
      liabilities: theirs.map((row) => ({
        ...row.liability,
        recordedAtTheBorder: row.liability.personIndex !== null ? (incident?.responsiblePersons?.[row.liability.personIndex] ?? null) : null,
      })),
      events: about.map(event),
    });
    payments.push(...about.filter((e) => MONEY_EVENT.test(e.type)).map((e) => ({ case: first.reference, ...event(e) })));
    notes.push(
      ...stream
        .filter((e) => e.type === CASE_EVENT.CaseNoteAdded && typeof e.payload.text === 'string' && mentions(e.payload.text, cores))
        .map((e) => ({ case: first.reference, text: e.payload.text as string, writtenAt: e.occurredAt.toISOString(), writtenBy: e.actorName })),
    );
  }

  const letters = (await lettersToLiabilities(db, liabilityIds)).map((letter) => ({
    id: letter.id,
    case: rows.find((row) => row.liability.id === letter.liabilityId)?.reference ?? null,
    form: letter.form,
    title: letter.title,
    language: letter.language,
    recipientName: letter.recipientName,
    addressLines: letter.addressLines,
    email: letter.email,
    producedAt: letter.createdAt.toISOString(),
    postedAt: letter.postedAt?.toISOString() ?? null,
    emailedAt: letter.emailedAt?.toISOString() ?? null,
    file: { store: 'files', sha256: letter.fileHash },
  }));

  const reads = (await deps.readLog.readsOf(members, [...new Set(rows.map((row) => row.reference))])).map((read) => ({
    readAt: read.readAt.toISOString(),
    by: read.userName,
    userId: read.userId,
    channel: read.channel,
    route: read.route,
    record: read.recordKind,
    recordId: read.recordId,
    case: read.caseReference,
  }));

  return {
    kind: 'subject-access-export' as const,
    generatedAt: deps.now.toISOString(),
    party: {
      ...found.party,
      names: found.names,
      identifiers: found.identifiers,
      addresses: found.addresses,
      contacts: found.contacts,
      mergedWith: found.mergedMembers,
      history: found.history.map(event),
    },
    cases,
    letters,
    payments,
    notes,
    reads,
  };
}
