import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { executeCommand, type CommandOutcome, type FieldError } from '../../platform/events/command.js';
import { asArray, formErrors } from '../../platform/http/forms.js';
import { isContentHash } from '../../platform/files/file-store.js';
import type { Db } from '../../platform/database/client.js';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS } from '../../domain/payments/debt.js';
import { readDate } from '../casework/action-forms.js';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import type { CasesService } from '../casework/service.js';
import { NOTE_MAX, recordDebtAcknowledgement, recordInsolvencyCheck } from './debt-commands.js';
import type { DebtService } from './debt-service.js';
import { FINANCE_OFFICERS, FINANCE_VIEWERS } from '../finance/ledger-commands.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Body = Record<string, unknown>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const versionOf = (body: Body) => (/^\d+$/.test(text(body, 'version')) ? Number(text(body, 'version')) : undefined);
const isOfficer = (request: FastifyRequest) => request.actor!.roles.some((role) => (FINANCE_OFFICERS as readonly string[]).includes(role));
const DATE_IDS = { acknowledgedOn: 'acknowledgedOn-day', checkedOn: 'checkedOn-day', outcomeOn: 'outcomeOn-day' };

function errorsOf(outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): FieldError[] {
  return 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'form', message: outcome.message }];
}

/** The overdue list, referrals to the debt collection agency, limitation, and the debt records on a case. */
export function debtRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService; debt: DebtService }) {
  const { db, cases, debt } = deps;

  async function renderOverdue(request: FastifyRequest, reply: FastifyReply, status = 200, errors: FieldError[] = [], selected: string[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { liabilityIds: 'overdue-form' });
    const today = debt.today();
    const entries = await debt.overdue(today);
    return reply.code(status).page('enforcement/views/overdue.njk', {
      pageTitle: 'Overdue penalties',
      entries,
      today,
      selected,
      canRefer: isOfficer(request),
      outcomes: AGENCY_OUTCOMES,
      totalPence: entries.reduce((sum, entry) => sum + entry.outstandingPence, 0),
      errorList,
      fieldErrors,
    });
  }

  app.get('/finance/overdue', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => renderOverdue(request, reply));

  app.post('/finance/debt-referrals', { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const ids = asArray(body.liabilityIds).filter((id) => UUID.test(id));
    const outcome = await debt.createReferral(ids, request.actor!);
    if (!outcome.ok) return renderOverdue(request, reply, 422, outcome.errors, ids);
    return reply.confirmation(`${ids.length} ${ids.length === 1 ? 'debt' : 'debts'} referred to the debt collection agency`).redirect(`/finance/debt-referrals/${outcome.batchId}`, 303);
  });

  app.get('/finance/debt-referrals', { config: { access: { roles: FINANCE_VIEWERS } } }, async (_request, reply) =>
    reply.page('enforcement/views/referrals.njk', { pageTitle: 'Referrals to the debt collection agency', batches: await debt.batches(), backLink: '/finance/overdue' }),
  );

  app.get('/finance/debt-referrals/:batchId', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const { batchId } = request.params as { batchId: string };
    const rows = UUID.test(batchId) ? await debt.batch(batchId) : [];
    if (rows.length === 0) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Referral not found' });
    return reply.page('enforcement/views/referral-batch.njk', {
      pageTitle: `Referral of ${rows[0]!.referral.referredOn}`,
      batchId,
      rows: rows.map((row) => ({ ...row, outcomeLabel: row.referral.outcome ? AGENCY_OUTCOMES[row.referral.outcome as keyof typeof AGENCY_OUTCOMES] : null })),
      canRecord: isOfficer(request),
      backLink: '/finance/debt-referrals',
    });
  });

  app.get('/finance/debt-referrals/:batchId/file.csv', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const { batchId } = request.params as { batchId: string };
    const rows = UUID.test(batchId) ? await debt.batch(batchId) : [];
    const hash = rows[0]?.referral.fileHash;
    const bytes = hash && isContentHash(hash) ? await debt.file(hash) : null;
    if (!bytes) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'File not found' });
    request.log.info({ audit: 'debt-referral-file-read', batchId, actorId: request.actor?.id }, 'debt referral file read');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="debt-referral-${rows[0]!.referral.referredOn}-${batchId.slice(0, 8)}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });

  async function renderOutcome(reply: FastifyReply, referralId: string, status = 200, values: Body = {}, errors: FieldError[] = []) {
    const found = await debt.referral(referralId);
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Referral not found' });
    const { errorList, fieldErrors } = formErrors(errors, DATE_IDS);
    return reply.code(status).page('enforcement/views/referral-outcome.njk', {
      pageTitle: `What the agency reported – ${found.reference}`,
      found,
      outcomes: Object.entries(AGENCY_OUTCOMES).map(([value, label]) => ({ value, text: label, checked: values.outcome === value })),
      values,
      maxNote: NOTE_MAX,
      errorList,
      fieldErrors,
      backLink: `/finance/debt-referrals/${found.referral.batchId}`,
    });
  }

  app.get('/finance/debt-referrals/:batchId/outcomes/:referralId', { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
    const { referralId } = request.params as { referralId: string };
    if (!UUID.test(referralId)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Referral not found' });
    return renderOutcome(reply, referralId);
  });

  app.post('/finance/debt-referrals/:batchId/outcomes/:referralId', { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
    const { batchId, referralId } = request.params as { batchId: string; referralId: string };
    if (!UUID.test(referralId)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Referral not found' });
    const body = (request.body ?? {}) as Body;
    const date = readDate(body, 'outcomeOn', 'The date of the agency’s report');
    const errors: FieldError[] = date.ok ? [] : [date.error];
    if (!Object.hasOwn(AGENCY_OUTCOMES, text(body, 'outcome'))) errors.unshift({ field: 'outcome', message: 'Choose what the agency reported' });
    if (errors.length) return renderOutcome(reply, referralId, 422, body, errors);
    const outcome = await debt.recordOutcome(referralId, { outcome: text(body, 'outcome'), outcomeOn: date.ok ? date.date : '', note: text(body, 'note') || undefined }, request.actor!);
    if (!outcome.ok) return outcome.kind === 'not-found' ? reply.code(404).page('errors/not-found.njk', { pageTitle: 'Referral not found' }) : renderOutcome(reply, referralId, 422, body, errorsOf(outcome));
    return reply.confirmation('The agency’s report is recorded').redirect(`/finance/debt-referrals/${batchId}`, 303);
  });

  app.get('/finance/limitation', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const today = debt.today();
    return reply.page('enforcement/views/limitation.njk', { pageTitle: 'Debts at limitation', entries: await debt.atLimitation(today), today, canPropose: isOfficer(request), backLink: '/finance/overdue' });
  });

  /* The debt records on a case: written acknowledgements and insolvency checks. */

  async function loadPerson(request: FastifyRequest, reply: FastifyReply): Promise<{ file: CaseFile; row: LiabilityRow } | null> {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const file = await cases.caseFile(reference);
    const row = file?.liabilities.find((l) => l.id === liabilityId);
    if (file && row) return { file, row };
    await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    return null;
  }

  function renderCaseForm(reply: FastifyReply, kind: 'acknowledgement' | 'insolvency-check', loaded: { file: CaseFile; row: LiabilityRow }, status = 200, values: Body = {}, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { ...DATE_IDS, form: `${kind}-form`, liabilityId: `${kind}-form` });
    return reply.code(status).page(`enforcement/views/${kind}.njk`, {
      pageTitle: `${kind === 'acknowledgement' ? 'Record a written acknowledgement' : 'Record an insolvency check'} – ${loaded.file.kase.reference}`,
      kase: loaded.file.kase,
      person: loaded.row,
      findings: Object.entries(INSOLVENCY_FINDINGS).map(([value, label]) => ({ value, text: label, checked: values.finding === value })),
      values: { version: loaded.file.kase.version, ...values },
      maxNote: NOTE_MAX,
      errorList,
      fieldErrors,
      backLink: `/cases/${loaded.file.kase.reference}#debt-${loaded.row.id}`,
    });
  }

  for (const kind of ['acknowledgement', 'insolvency-check'] as const) {
    const path = `/cases/:reference/liabilities/:liabilityId/debt/${kind}`;
    app.get(path, { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
      const loaded = await loadPerson(request, reply);
      return loaded ? renderCaseForm(reply, kind, loaded) : reply;
    });
    app.post(path, { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
      const loaded = await loadPerson(request, reply);
      if (!loaded) return reply;
      const body = (request.body ?? {}) as Body;
      const dateField = kind === 'acknowledgement' ? 'acknowledgedOn' : 'checkedOn';
      const date = readDate(body, dateField, kind === 'acknowledgement' ? 'The date of the acknowledgement' : 'The date of the check');
      const errors: FieldError[] = date.ok ? [] : [date.error];
      if (kind === 'insolvency-check') {
        if (!text(body, 'source')) errors.push({ field: 'source', message: 'Enter where you checked, for example the Insolvency Service register or Companies House' });
        if (!Object.hasOwn(INSOLVENCY_FINDINGS, text(body, 'finding'))) errors.push({ field: 'finding', message: 'Choose what the check found' });
      }
      if (errors.length) return renderCaseForm(reply, kind, loaded, 422, body, errors);
      const note = text(body, 'note') || undefined;
      const common = { reference: loaded.file.kase.reference, liabilityId: loaded.row.id, ...(note ? { note } : {}) };
      const context = { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) };
      const outcome =
        kind === 'acknowledgement'
          ? await executeCommand(db, recordDebtAcknowledgement, { ...common, acknowledgedOn: date.ok ? date.date : '' }, context)
          : await executeCommand(db, recordInsolvencyCheck, { ...common, checkedOn: date.ok ? date.date : '', source: text(body, 'source'), finding: text(body, 'finding') }, context);
      if (!outcome.ok) return renderCaseForm(reply, kind, loaded, outcome.kind === 'conflict' ? 409 : 422, body, errorsOf(outcome));
      return reply
        .confirmation(kind === 'acknowledgement' ? `Acknowledgement of the debt by ${loaded.row.partyName} recorded` : `Insolvency check on ${loaded.row.partyName} recorded`)
        .redirect(`/cases/${loaded.file.kase.reference}#debt-${loaded.row.id}`, 303);
    });
  }
}
