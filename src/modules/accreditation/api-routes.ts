import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';
import { isContentHash, type FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { DEFAULT_MAX_FILE_BYTES, uploadMessages } from '../../platform/files/messages.js';
import type { FieldError } from '../../platform/events/command.js';
import { ACCREDITATION_AREAS, AREA_OUTCOMES } from '../../domain/accreditation/areas.js';
import { CASEWORKERS } from '../identity/roles.js';
import { applicationInput } from './commands.js';
import { APPLICANT_ACTIONS, APPLICATION_ACTIONS, isApplicationAction, type AccreditationService } from './service.js';
import { outcomeInWords, statusName } from './wording.js';

/*
 * The CPAS application on the JSON API (issue #16): hauliers' own systems submit without a token
 * (rate limited per address); an applicant gives more information or withdraws with the reference
 * and the access code; the assessment steps are the staff's, with an API token, as casework steps
 * are. Refusals answer 422 with their reasons in words (the applicant's language where known).
 */

export interface AccreditationApiDeps {
  accreditation: AccreditationService;
  /** Requests a minute per client address on the public endpoints (the portal sign-in's limit). */
  rateLimitPerMinute: number;
  /** Where uploaded evidence is kept (by its SHA-256, which is the `fileId`). */
  files: FileStore;
}

/** One file a request, the online form's size limit (10MB) and types (PDF, JPG, PNG, WebP, HEIC: read from the bytes). */
export const API_UPLOAD_LIMITS = { maxFiles: 1, maxFileBytes: DEFAULT_MAX_FILE_BYTES, maxFields: 5, maxFieldBytes: 1_000 };

/** The status of an upload refused: too large 413, not a type we take 415, anything else 422. */
export function uploadRefusalStatus(message: string): 413 | 415 | 422 {
  if (message === uploadMessages.tooLarge(API_UPLOAD_LIMITS.maxFileBytes)) return 413;
  if (message === uploadMessages.wrongType || message.startsWith('The selected file is a ')) return 415;
  return 422;
}

const uploaded = z.object({
  fileId: z.string().describe('The file’s SHA-256 (64 hex digits): send it in `fileIds` of a submission or of provideInformation'),
  mediaType: z.string().describe('The type read from the bytes (application/pdf, image/jpeg, image/png, image/webp, image/heic)'),
  size: z.number().int().describe('Bytes'),
  name: z.string().describe('The name it was uploaded with (display only)'),
});

const REFERENCE = /^CPAS-\d{4}-\d{5,}$/i;
const VERSION_MESSAGE = 'expectedVersion is the version of the application you are acting on (GET gives it), a whole number';

/** The body of a submission: the form's fields; `language` (the applicant's, for our answers) defaults to English. */
export const submitApplicationBody = applicationInput.extend({ language: z.string().regex(/^[a-z]{2}$/).default('en') });

/** The body of a step: the step's own fields (see each action), with `expectedVersion` for staff and `accessCode` for the applicant. */
export const applicationStepBody = z.object({
  expectedVersion: z.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(0, VERSION_MESSAGE).optional(),
  accessCode: z.string().max(64).optional().describe('provideInformation and withdraw by the applicant: the access code given at submission'),
  areas: z.array(z.enum(ACCREDITATION_AREAS)).optional().describe('requestInformation: the areas more is needed about'),
  message: z.string().max(10_000).optional().describe('requestInformation: what the applicant is asked to send'),
  text: z.string().max(10_000).optional().describe('provideInformation: the answer'),
  fileIds: z.array(z.string().max(200)).max(50).optional().describe('provideInformation: files uploaded with the answer'),
  area: z.enum(ACCREDITATION_AREAS).optional().describe('assessArea: the area'),
  outcome: z.enum(AREA_OUTCOMES).optional().describe('assessArea: the finding'),
  notes: z.string().max(10_000).nullable().optional().describe('assessArea: why (required unless met)'),
  partyId: z.uuid().optional().describe('accept: the company’s entry in the parties register, when the assessor chose it (otherwise found or registered)'),
  summary: z.string().max(10_000).nullable().optional().describe('proposeRefusal: a summary beside the areas’ reasons'),
  reason: z.string().max(10_000).nullable().optional().describe('returnRefusal (required) or withdraw: why'),
});

const submitted = z.object({
  reference: z.string().describe('The application reference, like CPAS-2026-00042'),
  accessCode: z.string().describe('With the reference, lets the applicant answer requests for information; sent by email too'),
  receivedOn: z.string(),
  decisionDue: z.string().describe('The date a decision is due (YYYY-MM-DD)'),
});

const languageOf = (code: unknown): Language => (typeof code === 'string' && isLanguage(code) ? code : 'en');

export function accreditationApiRoutes(app: FastifyInstance, deps: AccreditationApiDeps) {
  const { accreditation } = deps;
  const rateLimit = { max: deps.rateLimitPerMinute, timeWindow: 60_000 };

  /** Each file id sent must be a file uploaded here (`POST /api/v1/accreditation/files`): otherwise a field error in the applicant's language. */
  async function unknownFiles(language: Language, lists: { field: string; ids: readonly string[] | undefined }[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const { field, ids } of lists) {
      for (const [i, id] of (ids ?? []).entries()) {
        if (!isContentHash(id) || !(await deps.files.exists(id))) errors.push({ field: `${field}.${i}`, message: t(language, 'accreditation.api.fileUnknown') });
      }
    }
    return errors;
  }

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/accreditation/files',
    tag: 'Accreditation',
    summary: 'Upload one evidence file for an application or an answer (no token needed; rate limited)',
    description:
      'multipart/form-data with one file in the `file` part: PDF, JPG, PNG, WebP or HEIC (the type is read from the bytes), at most 10MB, as on the online form. Answers the `fileId` to send in `fileIds` of `POST /api/v1/accreditation/applications` (each area and the driver checklists) or of the provideInformation step. The same bytes always give the same `fileId`.',
    access: { public: true },
    rateLimit,
    idempotentBecause: 'a file is kept by its content: the same bytes sent again give the same fileId and keep nothing twice',
    upload: { field: 'file', limits: API_UPLOAD_LIMITS, description: 'The file: PDF, JPG, PNG, WebP or HEIC, at most 10MB' },
    responses: {
      201: { description: 'Kept', schema: uploaded },
      413: { description: 'The file is larger than 10MB' },
      415: { description: 'Not multipart/form-data, or not a PDF, JPG, PNG, WebP or HEIC (or not the type its name or Content-Type says)' },
      422: { description: 'No file, more than one, an empty or damaged file' },
      429: { description: 'Too many requests from this address: wait a minute' },
    },
    handler: async (request, reply) => {
      const form = await readMultipartForm(request, API_UPLOAD_LIMITS);
      const refused = (errors: FieldError[]) =>
        sendProblem(reply, { status: Math.max(...errors.map((e) => uploadRefusalStatus(e.message))), title: 'The file was not kept', detail: errors.map((e) => e.message).join('. '), errors: errors.map((e) => ({ field: 'file', message: e.message })) });
      if (!form.ok) return refused(form.errors);
      const [file, ...more] = form.files;
      if (!file) return sendProblem(reply, { status: 422, title: 'No file was sent', detail: 'Send the file in the "file" part of a multipart/form-data body.', errors: [{ field: 'file', message: 'Select a file' }] });
      if (more.length) return refused([{ field: 'file', message: uploadMessages.tooMany(1) }]);
      const kept = await storeEvidence(deps.files, { bytes: file.bytes, declaredName: file.filename, declaredType: file.mimetype });
      if (!kept.ok) return refused([{ field: 'file', message: kept.message }]);
      return reply.code(201).send({ fileId: kept.file.hash, mediaType: kept.file.mediaType, size: kept.file.size, name: kept.file.originalName });
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/accreditation/applications',
    tag: 'Accreditation',
    summary: 'Apply to the Civil Penalty Accreditation Scheme (no token needed; rate limited)',
    description:
      'The company, its operator licence, the evidence in the five areas (securityDevices, checkRecord, driverInstructions, driverTraining, driverPerformanceReview), the completed driver checklists (as many as the policy asks for the number of drivers) and the declaration. Answers the reference, the access code and the date a decision is due; the acknowledgement is emailed too.',
    access: { public: true },
    rateLimit,
    body: submitApplicationBody,
    responses: {
      201: { description: 'Received', schema: submitted },
      200: { description: 'A repeat of an earlier request (same Idempotency-Key and body)', schema: submitted },
      409: { description: 'The Idempotency-Key was used for another request' },
      422: { description: 'Field errors: `errors` names each field with what is wrong' },
      429: { description: 'Too many requests from this address: wait a minute' },
    },
    handler: async (request, reply, body) => {
      const { idempotencyKey } = clientKey(request);
      const missing = await unknownFiles(languageOf(body.language), [
        ...Object.entries(body.areas).map(([area, evidence]) => ({ field: `areas.${area}.fileIds`, ids: evidence.fileIds })),
        { field: 'driverChecklists.fileIds', ids: body.driverChecklists.fileIds },
      ]);
      if (missing.length) return sendProblem(reply, { status: 422, title: 'The request has errors', detail: 'Upload each file first (POST /api/v1/accreditation/files) and send the fileId it answers.', errors: missing });
      // Keys are the applicant's own: scoped to the company's email, so two hauliers' keys never meet.
      const outcome = await accreditation.submit(body, { channel: 'api', idempotencyKey, idempotencyScope: `cpas-applicant:${body.company.email.trim().toLowerCase()}` });
      return sendOutcome(reply, outcomeInWords(languageOf(body.language), outcome), (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/accreditation/applications/:reference/actions/:action',
    tag: 'Accreditation',
    summary: 'Take a step on an application: requestInformation, provideInformation, assessArea, accept, proposeRefusal, approveRefusal, returnRefusal, withdraw',
    description:
      'Staff steps need an API token of a caseworker (approveRefusal and returnRefusal: a Senior Officer who did not propose the refusal). provideInformation and withdraw may also be taken by the applicant without a token, with `accessCode`. Send `expectedVersion` to act only on the version you read (409 otherwise).',
    access: { public: true },
    // Staff with a token are not held back; an applicant's access code is guessed no faster than a sign-in.
    rateLimit: { ...rateLimit, allowList: (request) => request.actor !== null },
    body: applicationStepBody,
    responses: {
      200: { description: 'Done: the application’s reference and version after the step', schema: z.object({ reference: z.string(), version: z.number().int() }) },
      401: { description: 'A staff step without an API token' },
      403: { description: 'The token’s role may not take this step, or the access code is wrong' },
      404: { description: 'No such application or step' },
      409: { description: 'The application changed since expectedVersion (nothing was saved), or the Idempotency-Key was used for another request' },
      422: { description: 'Field errors, or the step is refused now (the reasons in `errors`)' },
    },
    handler: async (request, reply, body) => {
      const { reference, action } = request.params as { reference: string; action: string };
      if (!REFERENCE.test(reference) || !isApplicationAction(action)) return sendProblem(reply, { status: 404, title: 'Not found', detail: `No application step ${action.slice(0, 40)} on ${reference.slice(0, 40)}.` });
      const application = await accreditation.row(reference);
      if (!application) return sendProblem(reply, { status: 404, title: 'Not found', detail: `No application has the reference ${reference.slice(0, 40)}.` });
      const staff = request.actor;
      if (!staff && !APPLICANT_ACTIONS.includes(action)) {
        return reply.code(401).header('www-authenticate', 'Bearer').type('application/problem+json').send({ type: 'about:blank', title: 'Sign-in required', status: 401, detail: 'Send an API token as "Authorization: Bearer <token>".' });
      }
      const { expectedVersion, ...fields } = body;
      const missing = await unknownFiles(staff ? 'en' : languageOf(application.language), [{ field: 'fileIds', ids: body.fileIds }]);
      if (missing.length) return sendProblem(reply, { status: 422, title: 'The request has errors', detail: 'Upload each file first (POST /api/v1/accreditation/files) and send the fileId it answers.', errors: missing });
      const actor = staff ?? { id: 'public', name: 'The applicant (online)', roles: ['public'] };
      const outcome = await accreditation.act(reference, action, fields, { actor, ...clientKey(request), idempotencyScope: staff ? staff.id : `cpas-applicant:${application.reference}`, expectedVersion });
      return sendOutcome(reply, outcomeInWords(staff ? 'en' : languageOf(application.language), outcome), (value) => reply.code(200).send(value));
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/accreditation/applications/:reference',
    tag: 'Accreditation',
    summary: 'An application: the company, evidence, each area’s finding, the information exchanged, its open steps and the date a decision is due',
    access: { roles: CASEWORKERS },
    responses: { 200: { description: 'The application' }, 404: { description: 'No such application' } },
    handler: async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const found = REFERENCE.test(reference) ? await accreditation.get(reference) : null;
      if (!found) return sendProblem(reply, { status: 404, title: 'Not found', detail: `No application has the reference ${reference.slice(0, 40)}.` });
      return {
        reference: found.reference,
        status: found.status,
        statusName: statusName('en', found.status),
        version: found.version,
        receivedOn: found.receivedOn,
        decisionDue: found.dueOn,
        daysLeft: found.standing?.daysLeft ?? null,
        flag: found.standing?.flag ?? null,
        decidedOn: found.decidedOn,
        openSteps: found.openSteps,
        language: found.language,
        channel: found.channel,
        company: {
          name: found.companyName,
          country: found.country,
          addressLines: found.addressLines,
          postcode: found.postcode,
          operatorLicence: found.operatorLicence,
          contactName: found.contactName,
          email: found.email,
          phone: found.phone,
          numberOfDrivers: found.numberOfDrivers,
        },
        areas: found.areas.map((a) => ({ area: a.area, evidence: a.evidence, outcome: a.outcome, notes: a.notes, assessedBy: a.assessedByName, assessedAt: a.assessedAt?.toISOString() ?? null })),
        driverChecklists: { fileIds: found.driverChecklistFileIds, required: found.driverChecklistsRequired },
        information: found.information.map((i) => ({ kind: i.kind, areas: i.areas, text: i.text, fileIds: i.fileIds, on: i.on, by: i.byName })),
        openRequest: found.openRequest,
        refusalProposal: found.refusalProposal,
        partyId: found.partyId,
        memberFrom: found.memberFrom,
      };
    },
  });
}

export { APPLICATION_ACTIONS };
