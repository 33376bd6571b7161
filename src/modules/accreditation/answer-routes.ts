import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import type { AccreditationService } from './service.js';
import { APPLICANT_ACTOR } from './commands.js';
import { refusalKey } from './wording.js';
import { PUBLIC_LAYOUT, usePublicLanguage } from '../feedback/routes.js';

/*
 * `/accreditation/answer` (public, no account): the applicant answers a request for more
 * information with the application reference and the access code given when they applied — the
 * page the request's email and letter point to. The answer (text and files) is the stream's
 * `provideInformation`, as through the API; a wrong reference or code is refused alike, and the
 * page is rate limited per address.
 */

const UPLOAD_LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 20_000, maxFields: 10 };
const REFERENCE = /^CPAS-\d{4}-\d{5}$/;

type Problem = { field: 'reference' | 'accessCode' | 'text' | 'files'; key: MessageKey };

/** A form field as one clean line of text: the first of repeated values; NUL bytes and lone surrogates make it unreadable (null). */
function field(value: unknown, max: number): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return '';
  if (typeof one !== 'string' || one.includes('\0') || /[\uD800-\uDFFF]/.test(one.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return null;
  return one.trim().slice(0, max);
}

export function answerRoutes(app: FastifyInstance, deps: { accreditation: AccreditationService; files: FileStore; rateLimitPerMinute: number }) {
  const config = { access: { public: true } } as const;

  const show = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problems: Problem[] = []) => {
    const language = request.language;
    if (problems.length) reply.code(422);
    return reply.page('accreditation/views/answer/answer.njk', {
      publicLayout: PUBLIC_LAYOUT,
      pageTitle: t(language, 'accreditation.answer.title'),
      values,
      errorList: problems.map((p) => ({ text: t(language, p.key), href: `#${p.field}` })),
      fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: t(language, p.key) }])),
    });
  };

  app.get('/accreditation/answer', { config }, async (request, reply) => {
    usePublicLanguage(request);
    const query = request.query as Record<string, unknown>;
    const reference = field(query.reference, 20) ?? '';
    return show(request, reply, { reference: REFERENCE.test(reference.toUpperCase()) ? reference.toUpperCase() : '', accessCode: '', text: '' });
  });

  app.post('/accreditation/answer', { config: { ...config, multipart: UPLOAD_LIMITS, rateLimit: { max: deps.rateLimitPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
    usePublicLanguage(request);
    const form = await readMultipartForm(request, UPLOAD_LIMITS);
    const uploads = form.ok ? form.files : [];
    const reference = (field(form.fields.reference, 40) ?? '').toUpperCase();
    const accessCode = field(form.fields.accessCode, 64) ?? '';
    const text = field(form.fields.text, 10_000);
    const values = { reference, accessCode: '', text: text ?? '' };
    const problems: Problem[] = [];
    if (!reference) problems.push({ field: 'reference', key: 'accreditation.answer.error.reference' });
    else if (!REFERENCE.test(reference)) problems.push({ field: 'reference', key: 'accreditation.answer.error.referenceFormat' });
    if (!accessCode) problems.push({ field: 'accessCode', key: 'accreditation.answer.error.accessCode' });
    if (text === null) problems.push({ field: 'text', key: 'accreditation.answer.error.unreadable' });
    if (!form.ok) problems.push({ field: 'files', key: 'accreditation.answer.error.files' });
    if (problems.length) return show(request, reply, values, problems);
    // The code before anything is stored: a wrong reference or code is refused alike.
    if (!(await deps.accreditation.checkAccessCode(reference, accessCode))) return show(request, reply, values, [{ field: 'accessCode', key: 'accreditation.answer.error.noMatch' }]);
    if (!text && uploads.length === 0) return show(request, reply, values, [{ field: 'text', key: 'accreditation.answer.error.empty' }]);
    const fileIds: string[] = [];
    for (const file of uploads) {
      const stored = await storeEvidence(deps.files, { bytes: file.bytes, declaredName: file.filename, declaredType: file.mimetype });
      if (!stored.ok) return show(request, reply, values, [{ field: 'files', key: 'accreditation.answer.error.files' }]);
      fileIds.push(stored.file.hash);
    }
    const outcome = await deps.accreditation.act(reference, 'provideInformation', { accessCode, text: text ?? '', fileIds }, { actor: { ...APPLICANT_ACTOR } });
    if (!outcome.ok) {
      const code = 'errors' in outcome && outcome.errors.length ? outcome.errors[0]!.message : outcome.message;
      const key = refusalKey(code) ?? 'accreditation.answer.error.refused';
      return show(request, reply, values, [{ field: 'text', key }]);
    }
    return reply.page('accreditation/views/answer/sent.njk', { publicLayout: PUBLIC_LAYOUT, pageTitle: t(request.language, 'accreditation.answer.sent.title'), reference, files: uploads.length });
  });
}
