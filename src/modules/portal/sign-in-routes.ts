import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { singleFields } from '../../platform/http/forms.js';
import type { Language } from '../../platform/i18n/languages.js';
import { LANGUAGE_COOKIE } from '../../platform/i18n/page-messages.js';
import { PORTAL_COOKIE, showPortalSession, type PortalSessionStore } from './session.js';
import type { PortalSignInCheck } from './sign-in-check.js';
import type { RememberLanguage } from './portal-routes.js';

/*
 * `/portal`: sign in with a letter (case reference, access code, postcode or date of birth);
 * `/portal/sign-out`. Every refusal of the details is the same sentence and status, whatever was
 * wrong; a reference locked after too many wrong tries says so, alike for any reference.
 */

const MAX_FIELD = 100;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface SignInFields {
  reference: string;
  accessCode: string;
  postcode: string;
  'dateOfBirth-day': string;
  'dateOfBirth-month': string;
  'dateOfBirth-year': string;
}

type FieldErrorKey = { field: keyof SignInFields | 'dateOfBirth' | 'details'; key: MessageKey };

/** Reads the form: each field once, as text, without NUL bytes or lone surrogates, at most 100 characters. */
function readForm(body: unknown): { fields: SignInFields; errors: FieldErrorKey[]; dateOfBirth: string } {
  const raw = singleFields(body);
  const clean = (name: keyof SignInFields) => {
    const value = raw[name] ?? '';
    return !LONE_SURROGATE.test(value) && !value.includes('\0') ? value.trim().slice(0, MAX_FIELD) : '';
  };
  const fields: SignInFields = {
    reference: clean('reference'),
    accessCode: clean('accessCode'),
    postcode: clean('postcode'),
    'dateOfBirth-day': clean('dateOfBirth-day'),
    'dateOfBirth-month': clean('dateOfBirth-month'),
    'dateOfBirth-year': clean('dateOfBirth-year'),
  };
  const errors: FieldErrorKey[] = [];
  if (!fields.reference) errors.push({ field: 'reference', key: 'portal.signIn.error.reference' });
  if (!fields.accessCode) errors.push({ field: 'accessCode', key: 'portal.signIn.error.accessCode' });
  const [day, month, year] = [fields['dateOfBirth-day'], fields['dateOfBirth-month'], fields['dateOfBirth-year']];
  let dateOfBirth = '';
  if (day || month || year) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    const real = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
    if (real) dateOfBirth = iso;
    else errors.push({ field: 'dateOfBirth', key: 'portal.signIn.error.dateOfBirthReal' });
  }
  if (!fields.postcode && !day && !month && !year) errors.push({ field: 'postcode', key: 'portal.signIn.error.postcodeOrDateOfBirth' });
  return { fields, errors, dateOfBirth };
}

export function signInRoutes(
  app: FastifyInstance,
  deps: { sessions: PortalSessionStore; check: PortalSignInCheck; secureCookies: boolean; signInRateLimitPerMinute: number; rememberLanguage?: RememberLanguage },
) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };

  const showForm = (request: FastifyRequest, reply: FastifyReply, context: { fields?: Partial<SignInFields>; errors?: FieldErrorKey[]; refusal?: MessageKey }) => {
    const language = request.language;
    const errors = context.errors ?? [];
    const anchor = (field: string) => (field === 'dateOfBirth' ? 'dateOfBirth-day' : field === 'details' ? 'reference' : field);
    const errorList = [
      ...(context.refusal ? [{ text: t(language, context.refusal), href: '#reference' }] : []),
      ...errors.map((error) => ({ text: t(language, error.key), href: `#${anchor(error.field)}` })),
    ];
    const fieldErrors = Object.fromEntries(errors.map((error) => [error.field, { text: t(language, error.key) }]));
    return reply.page('portal/views/sign-in.njk', {
      pageTitleKey: 'portal.signIn.title',
      fields: context.fields ?? {},
      errorList,
      fieldErrors,
      refusal: context.refusal ?? null,
      signInRequired: (request.query as Record<string, unknown>)?.expired === '1',
    });
  };

  app.get('/portal', { config: { access: { public: true } } }, async (request, reply) => {
    if (request.portal) return reply.redirect('/portal/case', 303);
    return showForm(request, reply, {});
  });

  app.post(
    '/portal',
    { config: { access: { public: true }, rateLimit: { max: deps.signInRateLimitPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { fields, errors, dateOfBirth } = readForm(request.body);
      if (errors.length) return showForm(request, reply.code(422), { fields, errors });
      const outcome = await deps.check.attempt({ reference: fields.reference, accessCode: fields.accessCode, postcode: fields.postcode, dateOfBirth });
      if (!outcome.ok) {
        // The access code is never shown back.
        const kept = { ...fields, accessCode: '' };
        if (outcome.reason === 'locked') return showForm(request, reply.code(429), { fields: kept, refusal: 'portal.signIn.locked' });
        return showForm(request, reply.code(422), { fields: kept, refusal: 'portal.signIn.noMatch' });
      }
      // A language the person chose here (the switcher, remembered in a cookie) wins over the one on record.
      const chosen = request.cookies[LANGUAGE_COOKIE] ? request.askedLanguage : null;
      const language: Language = chosen ?? outcome.language;
      const previous = request.cookies[PORTAL_COOKIE];
      if (previous) await deps.sessions.end(previous);
      const token = await deps.sessions.start({ caseId: outcome.caseId, liabilityId: outcome.liabilityId, language });
      reply.setCookie(PORTAL_COOKIE, token, cookieOptions);
      // A language chosen here that differs from the case's is remembered on the case.
      if (language !== outcome.language && deps.rememberLanguage) {
        const session = await deps.sessions.resume(token);
        if (session) await deps.rememberLanguage(session, language);
      }
      return reply.confirmation(t(language, 'portal.signIn.done')).redirect('/portal/case', 303);
    },
  );

  const signOut = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[PORTAL_COOKIE];
    if (token) await deps.sessions.end(token);
    reply.clearCookie(PORTAL_COOKIE, cookieOptions);
    request.portal = null;
    showPortalSession(reply, null);
    return reply.page('portal/views/signed-out.njk', { pageTitleKey: 'portal.signedOut.title' });
  };
  // A link in the header (GET) and a button (POST) both end the session.
  app.get('/portal/sign-out', { config: { access: { public: true } } }, signOut);
  app.post('/portal/sign-out', { config: { access: { public: true } } }, signOut);
}
