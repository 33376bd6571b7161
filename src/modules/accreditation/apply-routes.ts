import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { t, type MessageKey, type MessageParams } from '../../platform/i18n/messages.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { formatDate } from '../../platform/i18n/format.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import type { PolicyService } from '../policy/service.js';
import type { AccreditationService } from './service.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { PUBLIC_LAYOUT, usePublicLanguage } from '../feedback/routes.js';
import {
  EVIDENCE_AREAS,
  checklistsRequired,
  companySchema,
  countryChoices,
  countryNameIn,
  decisionDays,
  evidenceSchema,
  isEvidenceArea,
  readAnswers,
  returnSchema,
  saveSchema,
  taskStatuses,
  type CompanyAnswers,
  type DraftAnswers,
  type DraftFile,
  type EvidenceArea,
  type FormProblem,
} from './apply-form.js';
import type { ApplicationDrafts } from './apply-drafts.js';

/*
 * Apply online for CPAS, no account (issue #16 item 1): `/accreditation/apply` and its task-list
 * journey, save and return later, and the acknowledgement. Public pages in the portal's layout, in
 * the applicant's language (`accreditation.apply.*`). The application itself is recorded by the
 * application stream's `submit` (acc-core), given here as `submit`.
 */

export const DRAFT_COOKIE = 'cordon_cpas_draft';
const BASE = '/accreditation/apply';
const UPLOAD_LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 20_000, maxFields: 40 };

/** What the journey hands to the application stream (the `AccreditationApplicationSubmitted` shape). */
export interface ApplicationInput {
  language: string;
  company: { name: string; country: string; addressLines: string[]; postcode: string | null; operatorLicence: string; contactName: string; email: string; phone: string; numberOfDrivers: number };
  areas: Record<EvidenceArea, { description: string; fileIds: string[] }>;
  driverChecklists: { fileIds: string[] };
  declaration: true;
  channel: 'online';
}

/**
 * Records the application (the application stream's `submit`, which also emails the acknowledgement
 * in the applicant's language). `idempotencyKey` makes a repeated press of "Send" one application.
 */
export type SubmitApplication = (input: ApplicationInput, idempotencyKey: string) => Promise<{ ok: true; reference: string; decisionDue: string; accessCode: string } | { ok: false; problems: FormProblem[] }>;

/**
 * `submit` through the application stream's service (`channel: 'online'`). A refusal (which the form's
 * own checks should have prevented) is shown as one message beside the declaration.
 */
export function submitThrough(accreditation: Pick<AccreditationService, 'submit'>): SubmitApplication {
  return async (input, idempotencyKey) => {
    const { channel: _channel, ...body } = input;
    const outcome = await accreditation.submit(body, { channel: 'online', idempotencyKey });
    if (!outcome.ok) return { ok: false, problems: [{ field: 'declaration', code: 'refused' }] };
    return { ok: true, reference: outcome.value.reference, decisionDue: outcome.value.decisionDue, accessCode: outcome.value.accessCode };
  };
}

export interface ApplyDependencies {
  drafts: ApplicationDrafts;
  policy: Pick<PolicyService, 'versions'>;
  files: FileStore;
  mailer: Mailer;
  clock: Clock;
  submit: SubmitApplication;
  secureCookies: boolean;
  returnRateLimitPerMinute: number;
}

const words = (language: Language, key: string, params?: MessageParams) => t(language, key as MessageKey, params);

function errorsFor(language: Language, problems: readonly FormProblem[], anchors: Record<string, string> = {}) {
  const text = (p: FormProblem) => words(language, `accreditation.apply.error.${p.code}`, p.params);
  return {
    errorList: problems.map((p) => ({ text: text(p), href: `#${anchors[p.field] ?? p.field}` })),
    fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: text(p) }])),
  };
}

/** The application the draft makes, once every section is complete. */
function applicationOf(answers: DraftAnswers, language: string): ApplicationInput {
  const c = answers.company!;
  const areas = Object.fromEntries(EVIDENCE_AREAS.map((area) => [area, { description: answers.areas![area]!.description, fileIds: answers.areas![area]!.files.map((f) => f.hash) }])) as ApplicationInput['areas'];
  return {
    language,
    company: {
      name: c.name,
      country: c.country,
      addressLines: [c.addressLine1, c.addressLine2, c.town].filter((line) => line !== ''),
      postcode: c.postcode === '' ? null : c.postcode,
      operatorLicence: c.operatorLicence,
      contactName: c.contactName,
      email: c.email,
      phone: c.phone,
      numberOfDrivers: c.numberOfDrivers,
    },
    areas,
    driverChecklists: { fileIds: answers.checklists!.files.map((f) => f.hash) },
    declaration: true,
    channel: 'online',
  };
}

export function applyRoutes(app: FastifyInstance, deps: ApplyDependencies) {
  const { drafts } = deps;
  const config = { access: { public: true } } as const;
  const cookieOptions = { path: BASE, httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, maxAge: 0 };
  const today = () => ukDate(deps.clock.now());
  const token = (request: FastifyRequest) => request.cookies[DRAFT_COOKIE];
  const setDraftCookie = (reply: FastifyReply, value: string, expiresAt: Date) =>
    reply.setCookie(DRAFT_COOKIE, value, { ...cookieOptions, maxAge: Math.max(60, Math.floor((expiresAt.getTime() - deps.clock.now().getTime()) / 1000)) });

  const page = (request: FastifyRequest, reply: FastifyReply, view: string, titleKey: string, context: Record<string, unknown> = {}) =>
    reply.page(`accreditation/views/apply/${view}.njk`, { publicLayout: PUBLIC_LAYOUT, pageTitle: words(request.language, titleKey), ...context });

  /** The draft of this browser, or a redirect to the start page when there is none (never started, submitted or expired). */
  async function draftOf(request: FastifyRequest, reply: FastifyReply) {
    usePublicLanguage(request);
    const draft = await drafts.get(token(request));
    if (!draft) {
      reply.redirect(BASE, 303);
      return null;
    }
    return draft;
  }

  const required = async (answers: DraftAnswers) => (answers.company ? checklistsRequired(await deps.policy.versions(), today(), answers.company.numberOfDrivers) : null);

  // --- Start ---
  app.get(BASE, { config }, async (request, reply) => {
    usePublicLanguage(request);
    const days = decisionDays(await deps.policy.versions(), today());
    const draft = await drafts.get(token(request));
    return page(request, reply, 'start', 'accreditation.apply.start.title', { days, areas: EVIDENCE_AREAS, hasDraft: draft !== null });
  });

  app.post(`${BASE}/start`, { config }, async (request, reply) => {
    usePublicLanguage(request);
    const draft = await drafts.get(token(request));
    if (!draft) {
      const started = await drafts.start(request.language);
      const fresh = await drafts.get(started);
      setDraftCookie(reply, started, fresh!.expiresAt);
    }
    return reply.redirect(`${BASE}/tasks`, 303);
  });

  // --- Task list ---
  app.get(`${BASE}/tasks`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const status = taskStatuses(draft.answers, await required(draft.answers));
    return page(request, reply, 'tasks', 'accreditation.apply.tasks.title', { status, areas: EVIDENCE_AREAS });
  });

  // --- Company details ---
  const showCompany = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problems: FormProblem[] = []) => {
    if (problems.length) reply.code(422);
    return page(request, reply, 'company', 'accreditation.apply.company.title', { values, countries: countryChoices(request.language, values.country ?? ''), ...errorsFor(request.language, problems) });
  };
  app.get(`${BASE}/company`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const c = draft.answers.company;
    return showCompany(request, reply, c ? { ...c, numberOfDrivers: String(c.numberOfDrivers) } : {});
  });
  app.post(`${BASE}/company`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const read = readAnswers(companySchema, (request.body ?? {}) as Record<string, unknown>);
    if (!read.ok) return showCompany(request, reply, read.raw, read.problems);
    const company: CompanyAnswers = read.value;
    await drafts.update(token(request)!, (answers) => ({ ...answers, company }), request.language);
    return reply.redirect(`${BASE}/tasks`, 303);
  });

  // --- Uploads (evidence areas and checklists) ---
  async function storeUploads(request: FastifyRequest, field: string): Promise<{ ok: true; fields: Record<string, string | string[]>; files: DraftFile[] } | { ok: false; fields: Record<string, string | string[]>; problems: FormProblem[] }> {
    const form = await readMultipartForm(request, UPLOAD_LIMITS);
    if (!form.ok) return { ok: false, fields: form.fields, problems: [{ field, code: 'upload', params: { max: 10 } }] };
    const stored: DraftFile[] = [];
    for (const file of form.files) {
      const outcome = await storeEvidence(deps.files, { bytes: file.bytes, declaredName: file.filename, declaredType: file.mimetype });
      if (!outcome.ok) return { ok: false, fields: form.fields, problems: [{ field, code: 'upload', params: { max: 10 } }] };
      stored.push({ hash: outcome.file.hash, originalName: outcome.file.originalName, mediaType: outcome.file.mediaType, size: outcome.file.size });
    }
    return { ok: true, fields: form.fields, files: stored };
  }
  const removed = (fields: Record<string, string | string[]>) => new Set([fields.remove ?? []].flat());
  const merge = (kept: readonly DraftFile[], added: readonly DraftFile[], remove: Set<string>) => {
    const all = [...kept.filter((f) => !remove.has(f.hash))];
    for (const file of added) if (!all.some((f) => f.hash === file.hash)) all.push(file);
    return all;
  };

  const showArea = (request: FastifyRequest, reply: FastifyReply, area: EvidenceArea, values: { description: string }, files: readonly DraftFile[], problems: FormProblem[] = []) => {
    if (problems.length) reply.code(422);
    return page(request, reply, 'evidence', `accreditation.apply.area.${area}.title`, { area, values, files, ...errorsFor(request.language, problems) });
  };
  app.get(`${BASE}/evidence/:area`, { config }, async (request, reply) => {
    const { area } = request.params as { area: string };
    if (!isEvidenceArea(area)) return reply.callNotFound();
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const answered = draft.answers.areas?.[area];
    return showArea(request, reply, area, { description: answered?.description ?? '' }, answered?.files ?? []);
  });
  app.post(`${BASE}/evidence/:area`, { config: { ...config, multipart: UPLOAD_LIMITS } }, async (request, reply) => {
    const { area } = request.params as { area: string };
    if (!isEvidenceArea(area)) return reply.callNotFound();
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const before = draft.answers.areas?.[area]?.files ?? [];
    const uploads = await storeUploads(request, 'files');
    const read = readAnswers(evidenceSchema, uploads.fields);
    const files = merge(before, uploads.ok ? uploads.files : [], removed(uploads.fields));
    const problems = [...(read.ok ? [] : read.problems), ...(uploads.ok ? (files.length === 0 ? [{ field: 'files', code: 'filesMissing' }] : []) : uploads.problems)];
    // What was typed and what was kept are not lost when something else is wrong.
    if (problems.length) {
      if (uploads.ok && uploads.files.length) await drafts.update(token(request)!, (answers) => ({ ...answers, areas: { ...answers.areas, [area]: { description: read.ok ? read.value.description : (answers.areas?.[area]?.description ?? ''), files } } }));
      return showArea(request, reply, area, { description: read.raw.description ?? '' }, files, problems);
    }
    await drafts.update(token(request)!, (answers) => ({ ...answers, areas: { ...answers.areas, [area]: { description: read.ok ? read.value.description : '', files } } }), request.language);
    return reply.redirect(`${BASE}/tasks`, 303);
  });

  // --- Driver checklists ---
  const showChecklists = (request: FastifyRequest, reply: FastifyReply, files: readonly DraftFile[], needed: number, drivers: number, problems: FormProblem[] = []) => {
    if (problems.length) reply.code(422);
    return page(request, reply, 'checklists', 'accreditation.apply.checklists.title', { files, needed, drivers, ...errorsFor(request.language, problems) });
  };
  app.get(`${BASE}/checklists`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const needed = await required(draft.answers);
    if (!draft.answers.company || needed === null) return reply.redirect(`${BASE}/company`, 303);
    return showChecklists(request, reply, draft.answers.checklists?.files ?? [], needed, draft.answers.company.numberOfDrivers);
  });
  app.post(`${BASE}/checklists`, { config: { ...config, multipart: UPLOAD_LIMITS } }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const needed = await required(draft.answers);
    if (!draft.answers.company || needed === null) return reply.redirect(`${BASE}/company`, 303);
    const uploads = await storeUploads(request, 'files');
    const files = merge(draft.answers.checklists?.files ?? [], uploads.ok ? uploads.files : [], removed(uploads.fields));
    await drafts.update(token(request)!, (answers) => ({ ...answers, checklists: { files } }), request.language);
    const problems: FormProblem[] = !uploads.ok ? uploads.problems : files.length < needed ? [{ field: 'files', code: 'checklistsCount', params: { required: needed, given: files.length } }] : [];
    if (problems.length) return showChecklists(request, reply, files, needed, draft.answers.company.numberOfDrivers, problems);
    return reply.redirect(`${BASE}/tasks`, 303);
  });

  // --- Check answers, declaration, submit ---
  app.get(`${BASE}/check`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    if (!taskStatuses(draft.answers, await required(draft.answers)).ready) return reply.redirect(`${BASE}/tasks`, 303);
    return page(request, reply, 'check', 'accreditation.apply.check.title', { answers: draft.answers, areas: EVIDENCE_AREAS, countryName: countryNameIn(request.language, draft.answers.company!.country), address: [draft.answers.company!.addressLine1, draft.answers.company!.addressLine2, draft.answers.company!.town, draft.answers.company!.postcode].filter((part) => part !== '').join(', ') });
  });

  const showDeclaration = (request: FastifyRequest, reply: FastifyReply, problems: FormProblem[] = []) => {
    if (problems.length) reply.code(422);
    return page(request, reply, 'declaration', 'accreditation.apply.declaration.title', errorsFor(request.language, problems));
  };
  app.get(`${BASE}/declaration`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    if (!taskStatuses(draft.answers, await required(draft.answers)).ready) return reply.redirect(`${BASE}/tasks`, 303);
    return showDeclaration(request, reply);
  });
  app.post(`${BASE}/declaration`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    if (!taskStatuses(draft.answers, await required(draft.answers)).ready) return reply.redirect(`${BASE}/tasks`, 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.declaration !== 'yes') return showDeclaration(request, reply, [{ field: 'declaration', code: 'declaration' }]);
    const language = request.language;
    const input = applicationOf(draft.answers, language);
    const outcome = await deps.submit(input, `cpas-online-${drafts.keyOf(token(request)!)}`);
    if (!outcome.ok) return showDeclaration(request, reply, outcome.problems.length ? outcome.problems : [{ field: 'declaration', code: 'refused' }]);
    await drafts.end(token(request)!);
    reply.clearCookie(DRAFT_COOKIE, { path: BASE });
    return page(request, reply, 'sent', 'accreditation.apply.sent.title', { reference: outcome.reference, decisionDue: outcome.decisionDue, accessCode: outcome.accessCode, email: input.company.email });
  });

  // --- Save and return later ---
  const showSave = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problems: FormProblem[] = []) => {
    if (problems.length) reply.code(422);
    return page(request, reply, 'save', 'accreditation.apply.save.title', { values, ...errorsFor(request.language, problems) });
  };
  app.get(`${BASE}/save`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    return showSave(request, reply, { email: draft.answers.company?.email ?? '' });
  });
  app.post(`${BASE}/save`, { config }, async (request, reply) => {
    const draft = await draftOf(request, reply);
    if (!draft) return reply;
    const read = readAnswers(saveSchema, (request.body ?? {}) as Record<string, unknown>);
    if (!read.ok || read.value.email === '') return showSave(request, reply, read.raw, read.ok ? [{ field: 'email', code: 'required' }] : read.problems);
    const saved = await drafts.save(token(request)!, read.value.email);
    if (!saved) return reply.redirect(BASE, 303);
    const language = request.language;
    const expiresOn = ukDate(saved.expiresAt);
    await deps.mailer.send({ to: read.value.email, reference: 'cpas-draft', ...savedEmail(language, { code: saved.code, expiresOn }) });
    return page(request, reply, 'saved', 'accreditation.apply.saved.title', { code: saved.code, email: read.value.email, expiresOn });
  });

  const showReturn = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problems: FormProblem[] = [], status = 422) => {
    if (problems.length) reply.code(status);
    return page(request, reply, 'return', 'accreditation.apply.return.title', { values, ...errorsFor(request.language, problems) });
  };
  app.get(`${BASE}/return`, { config }, async (request, reply) => {
    usePublicLanguage(request);
    return showReturn(request, reply, {});
  });
  app.post(`${BASE}/return`, { config: { ...config, rateLimit: { max: deps.returnRateLimitPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
    usePublicLanguage(request);
    const read = readAnswers(returnSchema, (request.body ?? {}) as Record<string, unknown>);
    if (!read.ok || read.value.email === '') return showReturn(request, reply, { email: read.raw.email ?? '' }, read.ok ? [{ field: 'email', code: 'required' }] : read.problems);
    const outcome = await drafts.restore(read.value.email, read.value.code);
    // The code is never shown back.
    if (!outcome.ok) return showReturn(request, reply, { email: read.raw.email ?? '' }, [{ field: 'code', code: outcome.reason === 'locked' ? 'locked' : 'noMatch' }], outcome.reason === 'locked' ? 429 : 422);
    const restored = await drafts.get(outcome.token);
    setDraftCookie(reply, outcome.token, restored!.expiresAt);
    return reply.confirmation(words(request.language, 'accreditation.apply.return.done')).redirect(`${BASE}/tasks`, 303);
  });
}

/** The return code email, in the applicant's language. */
export function savedEmail(language: string, details: { code: string; expiresOn: string }) {
  const lang: Language = isLanguage(language) ? language : 'en';
  return {
    subject: words(lang, 'accreditation.apply.email.saved.subject'),
    body: [
      words(lang, 'accreditation.apply.email.saved.body', { code: details.code, date: formatDate(lang, details.expiresOn) }),
      '',
      words(lang, 'accreditation.apply.email.saved.how', { path: `${BASE}/return` }),
      '',
      words(lang, 'accreditation.apply.email.signOff'),
    ].join('\n'),
  };
}
