import { refusalOf } from '../refusal.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand, type CommandOutcome, type FieldError } from '../../../platform/events/command.js';
import { formErrors } from '../../../platform/http/forms.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { COMPANY_BANDS, type CompanyBand } from '../../../domain/penalty/penalty-input.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { readMoney } from '../action-forms.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import type { CasesService } from '../service.js';
import { readCompanyFigures } from './company-means.js';
import { readPayslips } from './individual-means.js';
import { assureMeansAssessment, MEANS_ASSURERS, recordMeansAssessment } from './means-commands.js';
import { meansAssessmentsOf } from './means-record.js';
import { companySuggestion, individualSuggestion, type Suggestion } from './means-suggestion.js';
import { BAND_LABELS, describeAssessment } from './means-view.js';

type Kind = 'company' | 'individual';
interface Loaded { file: CaseFile; row: LiabilityRow }

const FIELD_IDS: Record<string, string> = { rateDate: 'rateDate-day', payslip1: 'payslip1-month', payslip2: 'payslip2-month', payslip3: 'payslip3-month', payslip4: 'payslip4-month', payslip5: 'payslip5-month', payslip6: 'payslip6-month' };
const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const versionOf = (body: Record<string, unknown>) => (/^\d+$/.test(text(body, 'version')) ? Number(text(body, 'version')) : undefined);

/** Pages to record a means assessment on a liability and to assure it. */
export function meansRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  const { db, cases } = deps;
  const path = '/cases/:reference/liabilities/:liabilityId/means';

  async function load(request: FastifyRequest, reply: FastifyReply): Promise<Loaded | null> {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const file = await cases.caseFile(reference);
    const row = file?.liabilities.find((l) => l.id === liabilityId);
    if (file && row) return { file, row };
    await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    return null;
  }

  const kindOf = (value: unknown, row: LiabilityRow): Kind => (value === 'company' || value === 'individual' ? value : row.role === 'driver' ? 'individual' : 'company');
  const payslipMonths = (file: CaseFile) => (file.policy.ok ? file.policy.policyVersion.parameters.meansTesting.individualSuggestion.payslipMonths : 3);

  function render(reply: FastifyReply, status: number, { file, row }: Loaded, kind: Kind, values: Record<string, unknown>, errors: FieldError[] = [], suggestion?: Suggestion & { ok: true }, refusal: string[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, FIELD_IDS);
    return reply.code(status).page('casework/means/views/assessment.njk', {
      pageTitle: `Means test ${kind === 'company' ? 'a company' : 'an individual'} – ${file.kase.reference}`,
      kase: file.kase,
      person: row,
      kind,
      payslipMonths: payslipMonths(file),
      values,
      suggestion: suggestion ? { text: suggestion.kind === 'company' ? `${BAND_LABELS[suggestion.band]} company` : formatPounds(suggestion.amountPence), explanation: suggestion.explanation } : null,
      bands: COMPANY_BANDS.map((band) => ({ value: band, text: BAND_LABELS[band], checked: values.band === band })),
      errorList: [...refusal.map((message) => ({ text: message, href: '#means-form' })), ...errorList],
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#means-${row.id}`,
    });
  }

  app.get(path, { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    return render(reply, 200, loaded, kindOf((request.query as Record<string, unknown>).kind, loaded.row), { version: loaded.file.kase.version });
  });

  app.post(path, { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const { file, row } = loaded;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = kindOf(body.kind, row);
    const today = ukDate(cases.now());
    const company = kind === 'company' ? readCompanyFigures(body, today) : null;
    const payslips = kind === 'individual' ? readPayslips(body, payslipMonths(file), today) : null;
    const read = company ?? payslips!;
    if (!read.ok) return render(reply, 422, loaded, kind, body, read.errors);
    if (!file.policy.ok) return render(reply, 422, loaded, kind, body, [], undefined, file.policy.reasons);
    const parameters = file.policy.policyVersion.parameters;
    const suggestion = company?.ok ? companySuggestion(company.figures, parameters) : individualSuggestion(payslips?.ok ? payslips.payslips : [], parameters);
    if (!suggestion.ok) return render(reply, 422, loaded, kind, body, suggestion.reasons.map((message) => ({ field: kind === 'company' ? 'turnover' : 'payslip1', message })));
    if (body.intent !== 'record') {
      const proposed = suggestion.kind === 'company' ? { band: suggestion.band } : { assessedAmount: (suggestion.amountPence / 100).toFixed(2) };
      return render(reply, 200, loaded, kind, { ...body, ...proposed }, [], suggestion);
    }
    const errors: FieldError[] = [];
    const band = text(body, 'band') as CompanyBand;
    if (kind === 'company' && !COMPANY_BANDS.includes(band)) errors.push({ field: 'band', message: 'Choose the size band you decide on' });
    const amount = kind === 'individual' ? readMoney(body, 'assessedAmount', 'The amount you assess they can afford') : null;
    if (amount && !amount.ok) errors.push(amount.error);
    if (errors.length) return render(reply, 422, loaded, kind, body, errors, suggestion);
    const reason = text(body, 'reason') || null;
    const assessment =
      company?.ok
        ? { kind: 'company' as const, figures: company.figures, rate: company.rate, decision: { band, reason } }
        : { kind: 'individual' as const, payslips: payslips?.ok ? payslips.payslips : [], decision: { assessedAmountPence: amount?.ok ? amount.pence : 0, reason } };
    const outcome = await executeCommand(
      db,
      recordMeansAssessment,
      { reference: file.kase.reference, liabilityId: row.id, assessmentId: randomUUID(), assessment },
      { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) },
    );
    if (!outcome.ok) {
      const { errors: fieldErrors, refusal } = refusalOf(outcome);
      return render(reply, 422, loaded, kind, body, fieldErrors, suggestion, refusal);
    }
    return reply.confirmation(`Means assessment for ${row.partyName} recorded and sent for assurance`).redirect(`/cases/${file.kase.reference}#means-${row.id}`, 303);
  });

  function renderAssurance(reply: FastifyReply, status: number, { file, row }: Loaded, values: Record<string, unknown>, errors: FieldError[] = [], refusal: string[] = []) {
    const awaiting = meansAssessmentsOf(file.events, row.id).find((a) => a.status === 'awaiting-assurance');
    if (!awaiting) return reply.code(404).page('errors/bad-request.njk', { pageTitle: 'Nothing to assure', message: 'No means assessment for this person is waiting for assurance.', backLink: `/cases/${file.kase.reference}` });
    const { errorList, fieldErrors } = formErrors(errors);
    return reply.code(status).page('casework/means/views/assure.njk', {
      pageTitle: `Assure the means assessment – ${file.kase.reference}`,
      kase: file.kase,
      person: row,
      assessment: describeAssessment(awaiting),
      values: { version: file.kase.version, ...values },
      errorList: [...refusal.map((message) => ({ text: message, href: '#assure-form' })), ...errorList],
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#means-${row.id}`,
    });
  }

  app.get(`${path}/assure`, { config: { access: { roles: MEANS_ASSURERS } } }, async (request, reply) => {
    const loaded = await load(request, reply);
    return loaded ? renderAssurance(reply, 200, loaded, {}) : reply;
  });

  app.post(`${path}/assure`, { config: { access: { roles: MEANS_ASSURERS } } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcomeChoice = text(body, 'outcome');
    if (outcomeChoice !== 'assure' && outcomeChoice !== 'return') return renderAssurance(reply, 422, loaded, body, [{ field: 'outcome', message: 'Choose whether you assure the assessment or return it' }]);
    const outcome = await executeCommand(
      db,
      assureMeansAssessment,
      { reference: loaded.file.kase.reference, liabilityId: loaded.row.id, assessmentId: text(body, 'assessmentId'), outcome: outcomeChoice, ...(text(body, 'reason') ? { reason: text(body, 'reason') } : {}) },
      { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) },
    );
    if (!outcome.ok) {
      const { errors, refusal } = refusalOf(outcome);
      return renderAssurance(reply, 422, loaded, body, errors, refusal);
    }
    return reply
      .confirmation(outcomeChoice === 'assure' ? `Means assessment for ${loaded.row.partyName} assured` : `Means assessment for ${loaded.row.partyName} returned`)
      .redirect(`/cases/${loaded.file.kase.reference}#means-${loaded.row.id}`, 303);
  });
}
