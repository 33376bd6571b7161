import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { readMultipartForm } from '../../../platform/files/multipart.js';
import { LANGUAGES, languageName } from '../../../platform/i18n/languages.js';
import { requirePortalSession, sendPortalNotFound } from '../session.js';
import type { PortalActions } from './portal-actions.js';

/*
 * `/portal/penalties/:liabilityId/means`: ask for a means test. A person is asked for payslips,
 * bank statements and benefit letters; a company for its accounts, bank statements and management
 * accounts. The documents may be in any language: the person says which, and a translation is
 * flagged for the caseworker when it is not English. Only on the person's own penalty.
 */

const LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 20_000 };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CODES: Record<string, MessageKey> = {
  'language-missing': 'portal.actions.means.error.language',
  'means-no-files': 'portal.actions.means.error.files',
  'means-pending': 'portal.actions.means.error.pending',
  'means-closed': 'portal.actions.means.error.closed',
  upload: 'portal.actions.object.error.upload',
  text: 'portal.actions.object.error.text',
};

function text(value: unknown): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return '';
  if (typeof one !== 'string' || one.includes('\0') || LONE_SURROGATE.test(one)) return null;
  return one.slice(0, 5000);
}

export function portalMeansRoutes(app: FastifyInstance, deps: { actions: PortalActions }) {
  const own = (request: FastifyRequest) => {
    const session = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    return liabilityId === session.liabilityId ? session : null;
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>, errors: { field: string; code: string }[] = []) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const applicant = await deps.actions.applicantOf(session);
    if (!applicant) return sendPortalNotFound(reply);
    const language = request.language;
    const words = (code: string) => t(language, CODES[code] ?? 'portal.actions.means.error.refused');
    const href = (field: string) => (field === 'form' || field === 'liabilityId' ? 'statement' : field);
    const errorList = errors.map((error) => ({ text: words(error.code), href: `#${href(error.field)}` }));
    const fieldErrors = Object.fromEntries(errors.map((error) => [href(error.field), { text: words(error.code) }]));
    const documentLanguages = [
      { value: '', text: t(language, 'portal.actions.means.languageChoose') },
      ...LANGUAGES.map((code) => ({ value: code, text: languageName(code, code), selected: fields.documentLanguage === code, attributes: { lang: code } })),
      { value: 'other', text: t(language, 'portal.actions.means.languageOther'), selected: fields.documentLanguage === 'other' },
    ];
    if (errors.length) reply.code(422);
    return reply.page('portal/actions/views/means.njk', { pageTitleKey: 'portal.actions.means.title', liabilityId: session.liabilityId, applicant, fields, errorList, fieldErrors, documentLanguages });
  };

  const config = { access: { public: true } } as const;
  app.get('/portal/penalties/:liabilityId/means', { config, preHandler: requirePortalSession }, async (request, reply) => show(request, reply, {}));

  app.post('/portal/penalties/:liabilityId/means', { config: { ...config, multipart: LIMITS }, preHandler: requirePortalSession }, async (request, reply) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const form = await readMultipartForm(request, LIMITS);
    const statement = text(form.fields.statement);
    const documentLanguage = text(form.fields.documentLanguage);
    const fields = { statement: statement ?? '', documentLanguage: documentLanguage ?? '' };
    if (!form.ok) return show(request, reply, fields, [{ field: 'files', code: 'upload' }]);
    if (statement === null || documentLanguage === null) return show(request, reply, fields, [{ field: statement === null ? 'statement' : 'documentLanguage', code: 'text' }]);
    const language = documentLanguage.trim().toLowerCase();
    const known = language === 'other' || (LANGUAGES as readonly string[]).includes(language);
    const uploads = form.files.filter((f) => f.bytes.length > 0).map((f) => ({ bytes: f.bytes, declaredName: f.filename, declaredType: f.mimetype }));
    const outcome = await deps.actions.requestMeansTest(session, { statement, documentLanguage: known ? language : '', uploads });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return sendPortalNotFound(reply);
      return show(request, reply, fields, outcome.problems);
    }
    return reply.page('portal/actions/views/means-sent.njk', {
      pageTitleKey: 'portal.actions.means.sentTitle',
      liabilityId: session.liabilityId,
      translationNeeded: language !== 'en',
      files: uploads.map((u) => u.declaredName),
    });
  });
}
