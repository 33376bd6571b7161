import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand, type FieldError } from '../../../platform/events/command.js';
import { formErrors } from '../../../platform/http/forms.js';
import { CASEWORKERS } from '../../identity/roles.js';
import type { CaseFile } from '../case-file.js';
import type { CasesService } from '../service.js';
import { refusalOf } from '../refusal.js';
import { addCaseNote, NOTE_MAX_LENGTH, NOTE_WRITERS } from './case-notes.js';
import { LINK_REASONS, linkCase, unlinkCase } from './case-links.js';
import { linkTarget } from './links-section.js';

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const versionOf = (body: Record<string, unknown>) => (/^\d+$/.test(text(body, 'version')) ? Number(text(body, 'version')) : undefined);

/** Notes on a case, and links between cases. */
export function aroundRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  const { db, cases } = deps;

  async function load(request: FastifyRequest, reply: FastifyReply): Promise<CaseFile | null> {
    const file = await cases.caseFile((request.params as { reference: string }).reference);
    if (!file) await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    return file;
  }

  function page(reply: FastifyReply, status: number, template: 'note' | 'link', file: CaseFile, values: Record<string, unknown>, errors: FieldError[] = [], refusal: string[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { reason: 'reason' });
    return reply.code(status).page(`casework/around/views/${template}.njk`, {
      pageTitle: `${template === 'note' ? 'Add a note' : 'Link another case'} – ${file.kase.reference}`,
      kase: file.kase,
      maxLength: NOTE_MAX_LENGTH,
      reasons: Object.entries(LINK_REASONS).map(([value, label]) => ({ value, text: label, checked: values.reason === value })),
      values: { version: file.kase.version, ...values },
      errorList: [...refusal.map((message) => ({ text: message, href: `#${template}-form` })), ...errorList],
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#${template === 'note' ? 'notes' : 'links'}`,
    });
  }

  app.get('/cases/:reference/notes/new', { config: { access: { roles: NOTE_WRITERS } } }, async (request, reply) => {
    const file = await load(request, reply);
    return file ? page(reply, 200, 'note', file, {}) : reply;
  });

  app.post('/cases/:reference/notes', { config: { access: { roles: NOTE_WRITERS } } }, async (request, reply) => {
    const file = await load(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await executeCommand(db, addCaseNote, { reference: file.kase.reference, text: text(body, 'text') }, { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) });
    if (!outcome.ok) {
      const { errors, refusal } = refusalOf(outcome);
      return page(reply, 422, 'note', file, body, errors, refusal);
    }
    return reply.confirmation(`Note added to case ${file.kase.reference}`).redirect(`/cases/${file.kase.reference}#notes`, 303);
  });

  app.get('/cases/:reference/links/new', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await load(request, reply);
    return file ? page(reply, 200, 'link', file, {}) : reply;
  });

  app.post('/cases/:reference/links', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await load(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const linkedReference = text(body, 'linkedReference');
    const target = linkedReference ? await linkTarget(db, linkedReference) : null;
    if (!linkedReference) errors.push({ field: 'linkedReference', message: 'Enter the reference of the case to link, like CEC-2026-000123' });
    else if (!target) errors.push({ field: 'linkedReference', message: `No case has the reference ${linkedReference}` });
    if (!Object.hasOwn(LINK_REASONS, text(body, 'reason'))) errors.push({ field: 'reason', message: 'Choose why the cases are linked' });
    if (errors.length || !target) return page(reply, 422, 'link', file, body, errors);
    const note = text(body, 'note');
    const outcome = await executeCommand(
      db,
      linkCase,
      { reference: file.kase.reference, reason: text(body, 'reason'), ...(note ? { note } : {}), target },
      { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) },
    );
    if (!outcome.ok) {
      const { errors: fieldErrors, refusal } = refusalOf(outcome);
      return page(reply, 422, 'link', file, body, fieldErrors, refusal);
    }
    return reply.confirmation(`Case ${file.kase.reference} linked to case ${target.reference}`).redirect(`/cases/${file.kase.reference}#links`, 303);
  });

  app.post('/cases/:reference/links/remove', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const file = await load(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await executeCommand(db, unlinkCase, { reference: file.kase.reference, linkedReference: text(body, 'linkedReference') }, { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) });
    if (!outcome.ok) return reply.code(422).page('errors/bad-request.njk', { message: outcome.message, backLink: `/cases/${file.kase.reference}#links` });
    return reply.confirmation(`Case ${file.kase.reference} unlinked from case ${text(body, 'linkedReference').toUpperCase()}`).redirect(`/cases/${file.kase.reference}#links`, 303);
  });
}
