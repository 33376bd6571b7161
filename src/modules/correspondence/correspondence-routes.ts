import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition, type FieldError } from '../../platform/events/command.js';
import { events } from '../../platform/events/schema.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { asArray, formErrors } from '../../platform/http/forms.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_READERS, CASEWORKERS } from '../identity/roles.js';
import { readDate } from '../casework/action-forms.js';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import { caseReferenceOf } from '../casework/queries.js';
import { caseLetters } from './schema.js';
import type { CasesService } from '../casework/service.js';
import {
  approveAddressChange,
  DATA_BREACH_READERS,
  LETTER_POSTERS,
  markLettersPosted,
  proposeAddressChange,
  recordDataBreach,
  recordResponseDocuments,
  rejectAddressChange,
} from './correspondence-commands.js';
import { RISK_LEVELS, isResponseDocument, pendingAddressChange, type DataBreachPayload } from './correspondence-events.js';
import { letterLanguages } from './letters-section.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { renderPrintBundle, type LetterPart } from '../../platform/pdf/letter.js';
import { parseLetterParts } from './letter-layout.js';
import type { PostalLetter, PostalLetterSource } from './postal-outbox.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
const UPLOAD_LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024 };

interface Deps {
  db: Db;
  cases: CasesService;
  files: FileStore;
  /** Other modules' letters to post (a CPAS application's), listed, printed and marked beside the case letters. */
  postalSources?: readonly PostalLetterSource[];
}

/** A letter waiting in the outbox, a case's or another module's, as the page, the bundle and the confirmation show it. */
interface WaitingLetter {
  id: string;
  reference: string;
  recordHref: string;
  title: string;
  form: string;
  language: string;
  recipientName: string;
  addressLines: readonly string[];
  createdAt: Date;
  emailedAt: Date | null;
  href: string;
  layoutHash: string | null;
  /** The case it is about: case letters only (reading one is reading the person's record). */
  caseId: string | null;
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '';
}

function versionOf(body: Body): number | undefined {
  const value = text(body, 'version');
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** A command's refusal or invalid input as field errors (the summary links to each field). */
function outcomeErrors(outcome: { ok: false; message: string; errors?: FieldError[] }): FieldError[] {
  return outcome.errors?.length ? outcome.errors : [{ field: 'form', message: outcome.message }];
}

/**
 * Correspondence around the initial notice and the objection: each letter's PDF, the postal outbox,
 * documents that came with a response, address changes with a second officer's approval, and data
 * breaches recorded against letters that went to the wrong address.
 */
export function correspondenceRoutes(app: FastifyInstance, deps: Deps) {
  const { db, cases, files } = deps;
  const sources = deps.postalSources ?? [];

  const notFound = (reply: FastifyReply, pageTitle = 'Not found') => reply.code(404).page('errors/not-found.njk', { pageTitle });

  async function caseOr404(request: FastifyRequest, reply: FastifyReply): Promise<CaseFile | null> {
    const { reference } = request.params as { reference: string };
    const file = await cases.caseFile(reference);
    if (!file) await notFound(reply, 'Case not found');
    return file;
  }

  /** The responsible person named by `?liability=` (GET) or `liabilityId` (POST), or a 400 page. */
  async function personOr400(file: CaseFile, id: string, reply: FastifyReply): Promise<LiabilityRow | null> {
    const row = file.liabilities.find((l) => l.id === id);
    if (!row) {
      await reply.code(400).page('errors/bad-request.njk', {
        pageTitle: 'Choose a responsible person',
        message: 'Choose the responsible person from the case page.',
        backLink: `/cases/${file.kase.reference}`,
      });
    }
    return row ?? null;
  }

  function run<I, R>(command: CommandDefinition<I, CaseFile, R>, input: unknown, request: FastifyRequest, expectedVersion?: number) {
    return executeCommand(db, command, input, { actor: request.actor!, now: cases.now(), expectedVersion });
  }

  async function letterOf(file: CaseFile, letterId: string) {
    if (!UUID.test(letterId)) return null;
    const [row] = await db.select().from(caseLetters).where(and(eq(caseLetters.id, letterId), eq(caseLetters.caseId, file.kase.id)));
    return row ?? null;
  }

  /* ---- Each letter's PDF ---- */

  app.get('/cases/:reference/letters/:letterId.pdf', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const letter = await letterOf(file, (request.params as { letterId: string }).letterId);
    const bytes = letter ? await files.get(letter.fileHash) : null;
    if (!letter || !bytes) return notFound(reply, 'Letter not found');
    const addressee = file.liabilities.find((l) => l.id === letter.liabilityId);
    await recordPersonalDataRead(request, [{ record: 'case', recordId: file.kase.id, caseReference: file.kase.reference, partyId: addressee?.partyId ?? null }]);
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${file.kase.reference}-${letter.form.replace(/[^\w-]/g, '')}.pdf"`)
      .send(bytes);
  });

  /* ---- The postal outbox ---- */

  const fromOtherSource = (letter: PostalLetter): WaitingLetter => ({ ...letter, reference: letter.record.label, recordHref: letter.record.href, caseId: null });

  /** Every letter waiting to be posted, case letters and the other sources', oldest first. */
  async function unposted(): Promise<WaitingLetter[]> {
    const rows = await db
      .select({ letter: caseLetters, reference: caseReferenceOf(caseLetters.caseId) })
      .from(caseLetters)
      .where(isNull(caseLetters.postedAt))
      .orderBy(asc(caseLetters.createdAt), asc(caseLetters.id));
    const others = (await Promise.all(sources.map((source) => source.unposted()))).flat().map(fromOtherSource);
    return [
      ...rows.map(({ letter, reference }) => ({
        id: letter.id,
        reference,
        recordHref: `/cases/${reference}`,
        title: letter.title,
        form: letter.form,
        language: letter.language,
        recipientName: letter.recipientName,
        addressLines: letter.addressLines,
        createdAt: letter.createdAt,
        emailedAt: letter.emailedAt,
        href: `/cases/${reference}/letters/${letter.id}.pdf`,
        layoutHash: letter.layoutHash,
        caseId: letter.caseId,
      })),
      ...others,
    ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  /** The letters waiting to be posted that were produced by `upTo` (an ISO instant), when given: what a printed bundle holds. */
  async function unpostedUpTo(upTo: string | undefined) {
    const rows = await unposted();
    const until = upTo && !Number.isNaN(Date.parse(upTo)) ? new Date(upTo) : null;
    return until ? rows.filter((letter) => letter.createdAt.getTime() <= until.getTime()) : rows;
  }

  async function renderOutbox(reply: FastifyReply, options: { errors?: FieldError[]; posted?: number; selected?: string[] } = {}) {
    const rows = await unposted();
    const { errorList, fieldErrors } = formErrors(options.errors ?? [], { letterIds: 'letters' });
    // The newest letter on the page: printing and "mark all as posted" cover the letters up to it, not one produced since.
    const upTo = rows.at(-1)?.createdAt.toISOString() ?? '';
    return reply.code(options.errors?.length ? 422 : 200).page('correspondence/views/outbox.njk', {
      pageTitle: 'Postal outbox',
      upTo,
      notInBundle: rows.filter((letter) => !letter.layoutHash).length,
      letters: rows.map((letter) => ({
        ...letter,
        languages: letterLanguages(letter.language),
        selected: options.selected?.includes(letter.id) ?? false,
      })),
      posted: options.posted ?? 0,
      errorList,
      fieldErrors,
    });
  }

  app.get('/letters/outbox', { config: { access: { roles: LETTER_POSTERS } } }, async (request, reply) => {
    const posted = Number((request.query as { posted?: string }).posted);
    return renderOutbox(reply, { posted: Number.isInteger(posted) && posted > 0 ? posted : 0 });
  });

  app.post('/letters/outbox', { config: { access: { roles: LETTER_POSTERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const ids = [...new Set(text(body, 'single') ? [text(body, 'single')] : asArray(body.letterIds))];
    if (ids.length === 0) return renderOutbox(reply, { errors: [{ field: 'letterIds', message: 'Select at least one letter to mark as posted' }] });
    if (ids.some((id) => !UUID.test(id))) return renderOutbox(reply, { errors: [{ field: 'letterIds', message: 'One of the letters selected is not in the outbox. Reload the page and try again.' }] });
    const rows = await db
      .select({ letter: caseLetters, reference: caseReferenceOf(caseLetters.caseId) })
      .from(caseLetters)
      .where(inArray(caseLetters.id, ids));
    const waiting = rows.filter(({ letter }) => letter.postedAt === null);
    const otherIds = ids.filter((id) => !rows.some(({ letter }) => letter.id === id));
    const others = await Promise.all(sources.map(async (source) => ({ source, letters: await source.waitingAmong(otherIds) })));
    if (waiting.length + others.reduce((n, o) => n + o.letters.length, 0) !== ids.length) {
      return renderOutbox(reply, { selected: ids, errors: [{ field: 'letterIds', message: 'One or more of the letters selected has already been marked as posted, or is not in the outbox. Reload the page and try again.' }] });
    }
    // One command per case: each case's stream records its own letters being posted.
    const byCase = new Map<string, typeof waiting>();
    for (const row of waiting) byCase.set(row.reference, [...(byCase.get(row.reference) ?? []), row]);
    let posted = 0;
    const problems: FieldError[] = [];
    for (const [reference, group] of byCase) {
      const outcome = await run(
        markLettersPosted,
        { reference, letters: group.map(({ letter }) => ({ id: letter.id, liabilityId: letter.liabilityId, form: letter.form, title: letter.title })) },
        request,
      );
      if (outcome.ok) posted += group.length;
      else problems.push({ field: 'letterIds', message: `${reference}: ${outcome.message}` });
    }
    // Another module's letters: each by its own command, on its own stream.
    for (const { source, letters } of others) {
      if (!letters.length) continue;
      const outcome = await source.markPosted(letters.map((letter) => letter.id), request.actor!);
      posted += outcome.posted;
      problems.push(...outcome.problems.map((message) => ({ field: 'letterIds', message })));
    }
    if (problems.length) return renderOutbox(reply, { errors: problems, posted });
    return reply.redirect(`/letters/outbox?posted=${posted}`, 303);
  });

  /**
   * Every letter waiting to be posted (up to the newest on the outbox page) as one PDF to print:
   * re-rendered from each letter's stored layout into one document, each letter and translation
   * starting on a new page. Letters kept before layouts were stored are not in it (the outbox says
   * how many, to print one by one).
   */
  app.get('/letters/outbox/print.pdf', { config: { access: { roles: LETTER_POSTERS } } }, async (request, reply) => {
    const rows = (await unpostedUpTo((request.query as { upTo?: string }).upTo)).filter((letter) => letter.layoutHash);
    if (rows.length === 0) return notFound(reply, 'No letters to print');
    const documents: LetterPart[][] = [];
    for (const letter of rows) {
      const layout = await files.get(letter.layoutHash!);
      if (!layout) throw new Error(`the layout of letter ${letter.id} (${letter.layoutHash}) is not in the file store`);
      documents.push(parseLetterParts(layout));
    }
    // Reading the letters is reading the people's records they are addressed to.
    const read = new Map(rows.flatMap((letter) => (letter.caseId ? [[letter.caseId, letter.reference] as const] : [])));
    await recordPersonalDataRead(request, [...read].map(([caseId, reference]) => ({ record: 'case' as const, recordId: caseId, caseReference: reference, partyId: null })));
    const bytes = await renderPrintBundle(documents, `Letters to post (${rows.length})`);
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="letters-to-post-${ukDate(cases.now())}.pdf"`)
      .send(bytes);
  });

  /** "Have they all been posted?": the confirmation before marking every printed letter as posted (one command per case). */
  app.get('/letters/outbox/mark-all-posted', { config: { access: { roles: LETTER_POSTERS } } }, async (request, reply) => {
    const rows = await unpostedUpTo((request.query as { upTo?: string }).upTo);
    if (rows.length === 0) return reply.redirect('/letters/outbox', 303);
    return reply.page('correspondence/views/outbox-confirm.njk', {
      pageTitle: `Mark ${rows.length === 1 ? '1 letter' : `${rows.length} letters`} as posted`,
      letters: rows.map((letter) => ({ id: letter.id, reference: letter.reference, title: letter.title, recipientName: letter.recipientName })),
      backLink: '/letters/outbox',
    });
  });

  /* ---- Documents received with a response ---- */

  async function renderDocuments(reply: FastifyReply, file: CaseFile, row: LiabilityRow, values: Body, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { receivedOn: 'receivedOn-day', form: 'documents-form' });
    return reply.code(errors.length ? 422 : 200).page('correspondence/views/response-documents.njk', {
      pageTitle: `${values.about === 'objection' ? 'Add evidence sent with the objection' : 'Add documents received with the response'} – ${file.kase.reference}`,
      kase: file.kase,
      person: row,
      values: { version: file.kase.version, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#liability-${row.id}`,
    });
  }

  app.get('/cases/:reference/response-documents/new', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const row = await personOr400(file, text(request.query as Body, 'liability'), reply);
    if (!row) return reply;
    const about = text(request.query as Body, 'about') === 'objection' ? 'objection' : 'response';
    if (about === 'response' && file.states.get(row.id)!.initialNotices.length === 0) {
      return renderDocuments(reply, file, row, {}, [{ field: 'form', message: `No initial notice has been sent to ${row.partyName}, so there is no response to add documents to.` }]);
    }
    if (about === 'objection' && !file.states.get(row.id)!.objection) {
      return renderDocuments(reply, file, row, { about }, [{ field: 'form', message: `No objection has been recorded for ${row.partyName}, so there is no objection to add evidence to.` }]);
    }
    return renderDocuments(reply, file, row, { about });
  });

  app.post('/cases/:reference/response-documents', { config: { access: { roles: CASEWORKERS }, multipart: UPLOAD_LIMITS } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const form = await readMultipartForm(request, UPLOAD_LIMITS);
    const body = form.fields as Body;
    const row = await personOr400(file, text(body, 'liabilityId'), reply);
    if (!row) return reply;
    if (!form.ok) return renderDocuments(reply, file, row, body, form.errors);
    const errors: FieldError[] = [];
    const date = readDate(body, 'receivedOn', 'The date the documents were received');
    if (!date.ok) errors.push(date.error);
    if (!text(body, 'description')) errors.push({ field: 'description', message: 'Describe the documents, for example “seal log and driver’s checklist”' });
    const uploads = form.files.filter((upload) => upload.bytes.length > 0 || upload.filename);
    if (uploads.length === 0) errors.push({ field: 'file', message: 'Select a document to upload' });
    if (errors.length) return renderDocuments(reply, file, row, body, errors);
    const stored = [];
    for (const upload of uploads) {
      const kept = await storeEvidence(files, { bytes: upload.bytes, declaredName: upload.filename, declaredType: upload.mimetype });
      if (!kept.ok) return renderDocuments(reply, file, row, body, [{ field: 'file', message: `${upload.filename}: ${kept.message}` }]);
      stored.push({ hash: kept.file.hash, originalName: kept.file.originalName, mediaType: kept.file.mediaType, size: kept.file.size });
    }
    const outcome = await run(
      recordResponseDocuments,
      { reference: file.kase.reference, liabilityId: row.id, about: text(body, 'about') === 'objection' ? 'objection' : 'response', receivedOn: date.ok ? date.date : '', description: text(body, 'description'), files: stored },
      request,
      versionOf(body),
    );
    if (!outcome.ok) return renderDocuments(reply, file, row, { ...body, version: file.kase.version }, outcomeErrors(outcome));
    return reply.confirmation(`${stored.length} ${stored.length === 1 ? 'document' : 'documents'} from ${row.partyName} added`).redirect(`/cases/${file.kase.reference}#liability-${row.id}`, 303);
  });

  app.get('/cases/:reference/response-documents/:hash', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const { hash } = request.params as { hash: string };
    const document = HASH.test(hash) ? isResponseDocument(file.events, hash) : undefined;
    const bytes = document ? await files.get(hash) : null;
    if (!document || !bytes) return notFound(reply, 'Document not found');
    await recordPersonalDataRead(request, [{ record: 'case', recordId: file.kase.id, caseReference: file.kase.reference }]);
    return reply
      .type(document.mediaType)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${document.originalName.replace(/[^\w.\- ]+/g, '_')}"`)
      .send(bytes);
  });

  /* ---- Address change: proposed by one officer, approved by another ---- */

  async function renderAddressChange(reply: FastifyReply, file: CaseFile, row: LiabilityRow, values: Body, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { form: 'address-form' });
    return reply.code(errors.length ? 422 : 200).page('correspondence/views/address-change.njk', {
      pageTitle: `Change the postal address – ${file.kase.reference}`,
      kase: file.kase,
      person: row,
      pending: pendingAddressChange(file.events, row.id) ?? null,
      values: { version: file.kase.version, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#liability-${row.id}`,
    });
  }

  app.get('/cases/:reference/address-change', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const row = await personOr400(file, text(request.query as Body, 'liability'), reply);
    if (!row) return reply;
    return renderAddressChange(reply, file, row, {});
  });

  app.post('/cases/:reference/address-change', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Body;
    const row = await personOr400(file, text(body, 'liabilityId'), reply);
    if (!row) return reply;
    const input = { reference: file.kase.reference, liabilityId: row.id, ...Object.fromEntries(['line1', 'line2', 'town', 'postcode', 'country', 'reason'].map((name) => [name, text(body, name)])) };
    const outcome = await run(proposeAddressChange, input, request, versionOf(body));
    if (!outcome.ok) return renderAddressChange(reply, file, row, { ...body, version: outcome.kind === 'conflict' ? file.kase.version : body.version }, outcomeErrors(outcome));
    return reply.confirmation(`New address for ${row.partyName} proposed: a second officer checks it before it is used`).redirect(`/cases/${file.kase.reference}#liability-${row.id}`, 303);
  });

  async function renderAddressDecision(reply: FastifyReply, file: CaseFile, row: LiabilityRow, actorId: string, values: Body, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { form: 'decision-form', decision: 'decision' });
    const pending = pendingAddressChange(file.events, row.id) ?? null;
    return reply.code(errors.length ? 422 : 200).page('correspondence/views/address-decision.njk', {
      pageTitle: `Approve or reject the address change – ${file.kase.reference}`,
      kase: file.kase,
      person: row,
      pending,
      ownProposal: pending?.by === actorId,
      values: { version: file.kase.version, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#liability-${row.id}`,
    });
  }

  app.get('/cases/:reference/address-change/decision', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const row = await personOr400(file, text(request.query as Body, 'liability'), reply);
    if (!row) return reply;
    return renderAddressDecision(reply, file, row, request.actor!.id, {});
  });

  app.post('/cases/:reference/address-change/decision', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Body;
    const row = await personOr400(file, text(body, 'liabilityId'), reply);
    if (!row) return reply;
    const decision = text(body, 'decision');
    if (decision !== 'approve' && decision !== 'reject') {
      return renderAddressDecision(reply, file, row, request.actor!.id, body, [{ field: 'decision', message: 'Select whether to approve or reject the new address' }]);
    }
    const input = { reference: file.kase.reference, liabilityId: row.id, proposal: text(body, 'proposal'), ...(text(body, 'reason') ? { reason: text(body, 'reason') } : {}) };
    const outcome = await run(decision === 'approve' ? approveAddressChange : rejectAddressChange, input, request, versionOf(body));
    if (!outcome.ok) return renderAddressDecision(reply, file, row, request.actor!.id, { ...body, version: file.kase.version }, outcomeErrors(outcome));
    return reply.confirmation(decision === 'approve' ? `New address for ${row.partyName} approved` : `New address for ${row.partyName} rejected`).redirect(`/cases/${file.kase.reference}#liability-${row.id}`, 303);
  });

  /* ---- Data breach recorded against a letter ---- */

  async function renderBreach(reply: FastifyReply, file: CaseFile, letter: typeof caseLetters.$inferSelect, values: Body, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { foundOn: 'foundOn-day', form: 'breach-form' });
    return reply.code(errors.length ? 422 : 200).page('correspondence/views/data-breach.njk', {
      pageTitle: `Record a data breach – ${file.kase.reference}`,
      kase: file.kase,
      letter: { ...letter, languages: letterLanguages(letter.language) },
      riskLevels: Object.entries(RISK_LEVELS).map(([value, label]) => ({ value, text: label })),
      values: { version: file.kase.version, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#letters`,
    });
  }

  app.get('/cases/:reference/letters/:letterId/data-breach', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const letter = await letterOf(file, (request.params as { letterId: string }).letterId);
    if (!letter) return notFound(reply, 'Letter not found');
    return renderBreach(reply, file, letter, {});
  });

  app.post('/cases/:reference/letters/:letterId/data-breach', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await caseOr404(request, reply);
    if (!file) return reply;
    const letter = await letterOf(file, (request.params as { letterId: string }).letterId);
    if (!letter) return notFound(reply, 'Letter not found');
    const body = (request.body ?? {}) as Body;
    const errors: FieldError[] = [];
    const date = readDate(body, 'foundOn', 'The date the breach was found');
    if (!date.ok) errors.push(date.error);
    const input = {
      reference: file.kase.reference,
      letterId: letter.id,
      foundOn: date.ok ? date.date : '2000-01-01',
      disclosed: text(body, 'disclosed'),
      riskLevel: text(body, 'riskLevel') || undefined,
      riskReasons: text(body, 'riskReasons'),
      icoMustBeTold: text(body, 'icoMustBeTold') || undefined,
      actionsTaken: text(body, 'actionsTaken'),
      lettersSent: text(body, 'lettersSent')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    };
    const command = recordDataBreach({
      id: letter.id,
      liabilityId: letter.liabilityId,
      form: letter.form,
      title: letter.title,
      addressLines: letter.addressLines,
      createdOn: ukDate(letter.createdAt),
    });
    const parsed = command.input.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ field: String(issue.path[0] ?? 'form'), message: issue.message });
    }
    if (errors.length) return renderBreach(reply, file, letter, body, errors);
    const outcome = await run(command, input, request, versionOf(body));
    if (!outcome.ok) return renderBreach(reply, file, letter, { ...body, version: file.kase.version }, outcomeErrors(outcome));
    return reply.confirmation(`Data breach recorded for the letter to ${letter.addressLines[0] ?? 'the recipient'}`).redirect(`/cases/${file.kase.reference}#letters`, 303);
  });

  app.get('/letters/data-breaches', { config: { access: { roles: DATA_BREACH_READERS } } }, async (_request, reply) => {
    const rows = await db
      .select({ payload: events.payload, occurredAt: events.occurredAt, actorName: events.actorName, reference: caseReferenceOf(sql`substring(${events.streamId} from 6)::uuid`) })
      .from(events)
      .where(and(eq(events.type, CASE_EVENT.DataBreachRecorded), sql`${events.streamId} like 'case-%'`))
      .orderBy(desc(events.occurredAt), desc(events.seq));
    return reply.page('correspondence/views/data-breaches.njk', {
      pageTitle: 'Data breaches',
      breaches: rows.map((row) => {
        const breach = row.payload as unknown as DataBreachPayload;
        return { ...breach, riskLabel: RISK_LEVELS[breach.riskLevel], reference: row.reference, recordedAt: row.occurredAt, recordedBy: row.actorName, letterHref: `/cases/${row.reference}/letters/${breach.letterId}.pdf` };
      }),
    });
  });
}
