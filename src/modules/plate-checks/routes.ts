import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { monotonicId } from '../../platform/ids.js';
import type { FieldError } from '../../platform/events/command.js';
import { zodFieldErrors } from '../../platform/events/command.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { MAX_REGISTRATION_LENGTH } from '../../domain/parties/registrations.js';
import { normaliseCountryCode } from '../../domain/parties/countries.js';
import { PlateMatcher } from './matcher.js';
import { HitRecorder } from './hit-recorder.js';
import { HIT_OFFICERS, OUTCOMES, outcomeInput, type HitsService, type StoredMatch } from './hits.js';
import { MAX_ENTRIES_PER_IMPORT, WATCHLIST_KEEPERS, watchlistEntryInput, type WatchlistService } from './watchlist.js';
import type { ListChangeSignal } from './list-changes.js';
import { readKey, type PlateMatch } from './plate-index.js';

/** Number-plate readers and the officers at the port may check plates. */
export const PLATE_CHECKERS = ['plate-reader', 'port-officer'] as const;
export const MAX_READS_PER_BATCH = 1_000;

const TAG = 'Plate checks';
const TOLERANCE_DESCRIPTION =
  'Tolerance for characters number-plate readers confuse (0/O, 1/I, 8/B, 5/S, 2/Z): send `"tolerance": true` in the body or `?tolerance=1` (or `true`) in the query. ' +
  'Registrations are always compared normalised (capitals and digits only, lookalike Cyrillic and Greek letters read as Latin). ' +
  'With tolerance, every registration that differs from the read only by those characters matches: the same registration as "exact", the others as "possible". ' +
  'A listed country that differs from the country the reader gave also makes a match "possible". Expired or removed watchlist entries never match.';

const plateReadInput = z.object({
  registration: z
    .string({ message: 'Enter the registration the reader saw' })
    .max(30, 'Registration must be 30 characters or fewer')
    .refine((raw) => {
      const key = readKey(raw);
      return key !== '' && key.length <= MAX_REGISTRATION_LENGTH;
    }, `Registration must include letters or numbers, ${MAX_REGISTRATION_LENGTH} at most`),
  country: z
    .string({ message: 'Country must be a two-letter code, like PL' })
    .refine((value) => normaliseCountryCode(value) !== null, 'Country must be a two-letter code, like PL')
    .optional(),
  readAt: z.iso.datetime({ offset: true, message: 'Enter when the plate was read as an ISO 8601 date and time, for example 2026-11-22T14:05:00Z' }).optional(),
  location: z.string().max(200, 'Location must be 200 characters or fewer').optional(),
  readerId: z.string().max(100, 'Reader id must be 100 characters or fewer').optional(),
  tolerance: z.boolean({ message: 'Tolerance must be true or false' }).optional(),
});
type PlateReadInput = z.infer<typeof plateReadInput>;

const batchInput = z.object({
  reads: z.array(plateReadInput, { message: 'Send the reads as a list' }).min(1, 'Send at least one read').max(MAX_READS_PER_BATCH, `Send at most ${MAX_READS_PER_BATCH.toLocaleString('en-GB')} reads in one request`),
  tolerance: z.boolean({ message: 'Tolerance must be true or false' }).optional(),
});

const matchSchema = z.object({
  list: z.enum(['VAL', 'watchlist']),
  certainty: z.enum(['exact', 'possible']),
  reason: z.string(),
  caseRefs: z.array(z.string()),
  company: z.string().nullable(),
  registration: z.string().describe('The listed registration, normalised'),
  country: z.string().nullable(),
  watchlistEntryId: z.string().optional(),
});
const checkAnswer = z.object({ hit: z.boolean(), hitId: z.string().optional().describe('The recorded hit, for its outcome'), matches: z.array(matchSchema) });

export interface PlateChecksDependencies {
  database: Database;
  clock: Clock;
  listChanges: ListChangeSignal;
  watchlist: WatchlistService;
  hits: HitsService;
  /** Tests and the benchmark may tune the matcher's periods. */
  matcher?: { valRefreshMs?: number; watchlistRefreshMs?: number; pollMs?: number };
}

const problemFor = (reply: FastifyReply, errors: FieldError[], title = 'The request has errors') => {
  const shown = errors.slice(0, 100);
  return sendProblem(reply, {
    status: 422,
    title,
    detail: errors.length > shown.length ? `Correct the fields listed in errors (the first 100 of ${errors.length.toLocaleString('en-GB')}) and send it again.` : 'Correct the fields listed in errors and send it again.',
    errors: shown,
  });
};

/** The plate matcher's API, the watchlists and the port officers' page of hits. Starts the matcher (awaited: no check is answered from an index not yet built). */
export async function plateChecksRoutes(app: FastifyInstance, deps: PlateChecksDependencies) {
  const { clock, watchlist, hits } = deps;
  const matcher = new PlateMatcher({ database: deps.database, clock, listChanges: deps.listChanges, log: app.log, ...deps.matcher });
  const recorder = new HitRecorder(deps.database.db, app.log);
  await matcher.start();
  recorder.start();
  app.addHook('onClose', async () => {
    await matcher.stop();
    await recorder.stop();
  });

  function answer(read: PlateReadInput, tolerance: boolean) {
    const key = readKey(read.registration);
    const country = read.country === undefined ? null : normaliseCountryCode(read.country);
    const matches: PlateMatch[] = matcher.check({ key, country }, read.tolerance ?? tolerance);
    if (matches.length === 0) return { hit: false, matches };
    const hitId = monotonicId();
    const now = clock.now();
    recorder.record({
      id: hitId,
      readAt: read.readAt ? new Date(read.readAt) : now,
      registration: read.registration,
      registrationKey: key,
      country,
      location: read.location ?? null,
      readerId: read.readerId ?? null,
      matches,
      createdAt: now,
    });
    return { hit: true, hitId, matches };
  }

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/plate-checks',
    tag: TAG,
    summary: 'Check one plate read, or a batch of up to 1,000, against the Vehicle Action List and the watchlist',
    description:
      `Send one read { registration, country?, readAt?, location?, readerId? } (only registration is required) and get { hit, hitId?, matches }; or send { reads: [...] } (at most ${MAX_READS_PER_BATCH.toLocaleString('en-GB')}) and get { results: [...] } in the same order. ` +
      `Answered from an in-memory index kept within a second of every list change. Every hit is recorded (hitId) so the officers can record what they did. ${TOLERANCE_DESCRIPTION}`,
    access: { roles: PLATE_CHECKERS },
    body: z.union([plateReadInput, batchInput]),
    idempotentBecause: 'A check reads the lists and changes none of them; each hit it answers is recorded as a sighting (a read sent twice is two sightings, as the camera saw it twice).',
    validateBody: false,
    query: [{ name: 'tolerance', description: TOLERANCE_DESCRIPTION, schema: { type: 'string', enum: ['1', 'true', '0', 'false'] } }],
    responses: {
      200: { description: 'Single read: { hit, hitId?, matches }. Batch: { results } in the order of reads.', schema: z.union([checkAnswer, z.object({ results: z.array(checkAnswer) })]) },
    },
    handler: async (request, reply, body) => {
      const queryTolerance = (request.query as Record<string, string | undefined>).tolerance;
      const tolerance = queryTolerance === '1' || queryTolerance === 'true';
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return problemFor(reply, [{ field: '(body)', message: 'Send a read { registration, … } or a batch { reads: [...] }' }]);
      }
      if ('reads' in body) {
        const reads = (body as { reads?: unknown }).reads;
        // Refused before anything is parsed: a batch may not be more than the limit.
        if (Array.isArray(reads) && reads.length > MAX_READS_PER_BATCH) {
          return problemFor(reply, [{ field: 'reads', message: `Send at most ${MAX_READS_PER_BATCH.toLocaleString('en-GB')} reads in one request (this had ${reads.length.toLocaleString('en-GB')})` }], 'Too many reads');
        }
        const parsed = batchInput.safeParse(body);
        if (!parsed.success) return problemFor(reply, zodFieldErrors(parsed.error));
        const batchTolerance = parsed.data.tolerance ?? tolerance;
        return { results: parsed.data.reads.map((read) => answer(read, batchTolerance)) };
      }
      const parsed = plateReadInput.safeParse(body);
      if (!parsed.success) return problemFor(reply, zodFieldErrors(parsed.error));
      return answer(parsed.data, tolerance);
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/plate-checks/noop',
    tag: TAG,
    summary: 'Does nothing, through the same sign-in as a plate check (the benchmark’s baseline)',
    access: { roles: PLATE_CHECKERS },
    responses: { 200: { description: 'Always { hit: false, matches: [] }', schema: checkAnswer } },
    handler: async () => ({ hit: false, matches: [] }),
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/plate-checks/index',
    tag: TAG,
    summary: 'How many vehicles the matcher holds from each list, and when it last rebuilt them',
    access: { roles: [...PLATE_CHECKERS, ...WATCHLIST_KEEPERS] },
    responses: { 200: { description: 'The index’s size and age' } },
    handler: async () => matcher.stats(),
  });

  // ---- Watchlists -------------------------------------------------------------------------------

  const entryAnswer = z.object({ id: z.string(), registration: z.string(), registrationKey: z.string(), country: z.string().nullable(), reason: z.string(), expiresAt: z.string() });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/watchlist-entries',
    tag: TAG,
    summary: 'Put a vehicle on the watchlist until a date and time in the future',
    description: 'Country is a two-letter code (omit it when unknown: the entry then matches a read of any country). The plate matcher matches it within a second.',
    access: { roles: WATCHLIST_KEEPERS },
    body: watchlistEntryInput,
    validateBody: false,
    responses: { 201: { description: 'On the watchlist', schema: entryAnswer } },
    handler: async (request, reply, body) => {
      const outcome = await watchlist.add({ entries: [body] }, { actor: request.actor!, ...clientKey(request) });
      if (!outcome.ok && (outcome.kind === 'invalid' || outcome.kind === 'refused')) {
        // One entry: its fields are named as sent, not as the first of a list.
        return problemFor(reply, outcome.errors.map((e) => ({ ...e, field: e.field.replace(/^entries\.0\./, '').replace(/^entries$/, '(body)') })), outcome.message);
      }
      return sendOutcome(reply, outcome, (value) => {
        const entry = value.entries[0]!;
        return reply
          .code(201)
          .header('location', `/api/v1/watchlist-entries/${entry.id}`)
          .send({ id: entry.id, registration: entry.registration, registrationKey: entry.key, country: entry.country, reason: entry.reason, expiresAt: entry.expiresAt });
      });
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/watchlist-entries/bulk',
    tag: TAG,
    summary: `Put up to ${MAX_ENTRIES_PER_IMPORT.toLocaleString('en-GB')} vehicles on the watchlist at once, all or nothing`,
    description:
      'Inserted in chunks inside one transaction: if any entry is wrong nothing is saved, and errors name each bad entry by its index (`entries.17.expiresAt`; the first 100 are listed). Requests may be up to 32 MB.',
    access: { roles: WATCHLIST_KEEPERS },
    body: z.object({ entries: z.array(watchlistEntryInput).max(MAX_ENTRIES_PER_IMPORT) }),
    validateBody: false,
    bodyLimit: 32 * 1024 * 1024,
    responses: { 201: { description: 'All on the watchlist', schema: z.object({ count: z.number().int(), ids: z.array(z.string()) }) } },
    handler: async (request, reply, body) => {
      const entries = (body as { entries?: unknown } | null)?.entries;
      if (Array.isArray(entries) && entries.length > MAX_ENTRIES_PER_IMPORT) {
        return problemFor(
          reply,
          [{ field: 'entries', message: `Send at most ${MAX_ENTRIES_PER_IMPORT.toLocaleString('en-GB')} entries in one request (this had ${entries.length.toLocaleString('en-GB')}); split the file` }],
          'Too many entries',
        );
      }
      const outcome = await watchlist.add(body, { actor: request.actor!, ...clientKey(request) });
      if (!outcome.ok && (outcome.kind === 'invalid' || outcome.kind === 'refused')) return problemFor(reply, outcome.errors, outcome.message);
      return sendOutcome(reply, outcome, (value) => reply.code(201).send({ count: value.entries.length, ids: value.entries.map((e) => e.id) }));
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/watchlist-entries/:id',
    tag: TAG,
    summary: 'One watchlist entry, removed or not',
    access: { roles: WATCHLIST_KEEPERS },
    responses: { 200: { description: 'The entry' }, 404: { description: 'No such entry' } },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = z.uuid().safeParse(id).success ? await watchlist.get(id) : null;
      if (!row) return sendProblem(reply, { status: 404, title: 'Watchlist entry not found' });
      return { ...row, expiresAt: row.expiresAt.toISOString(), createdAt: row.createdAt.toISOString(), deletedAt: row.deletedAt?.toISOString() ?? null };
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    path: '/api/v1/watchlist-entries/:id',
    tag: TAG,
    summary: 'Take a vehicle off the watchlist (the entry is kept, marked removed, and stops matching within a second)',
    access: { roles: WATCHLIST_KEEPERS },
    idempotentBecause: 'Removing an entry twice leaves it removed, once (the second answers 404).',
    responses: { 204: { description: 'Removed' }, 404: { description: 'No such entry, or already removed' } },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!z.uuid().safeParse(id).success) return sendProblem(reply, { status: 404, title: 'Watchlist entry not found', detail: 'The id is not a watchlist entry id.' });
      const outcome = await watchlist.remove(id, { actor: request.actor! });
      if (!outcome.ok && outcome.kind === 'not-found') return sendProblem(reply, { status: 404, title: 'Watchlist entry not found', detail: 'There is no watchlist entry with this id that has not been removed already.' });
      return sendOutcome(reply, outcome, () => reply.code(204).send());
    },
  });

  // ---- Hits and what the officers did --------------------------------------------------------------

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/plate-check-hits/:id/outcome',
    tag: TAG,
    summary: 'Record what the officers did about a hit: stopped, paid at the port, released, detained, or stopped in error (with the reason)',
    access: { roles: HIT_OFFICERS },
    body: outcomeInput,
    validateBody: false,
    responses: { 200: { description: 'Recorded' }, 404: { description: 'No such hit' } },
    handler: async (request, reply, body) => {
      const { id } = request.params as { id: string };
      if (!z.uuid().safeParse(id).success) return sendProblem(reply, { status: 404, title: 'Hit not found' });
      const outcome = await hits.recordOutcome(id, (body ?? {}) as Record<string, unknown>, { actor: request.actor!, ...clientKey(request) });
      if (!outcome.ok && outcome.kind === 'not-found') return sendProblem(reply, { status: 404, title: 'Hit not found', detail: 'There is no recorded hit with this id (a hit is written within a fraction of a second of the check).' });
      if (!outcome.ok && (outcome.kind === 'invalid' || outcome.kind === 'refused')) {
        return problemFor(reply, outcome.errors.filter((e) => e.field !== 'hitId'), outcome.message);
      }
      return sendOutcome(reply, outcome, (row) => ({ id: row.id, outcome: row.outcome, reason: row.outcomeReason, recordedBy: row.outcomeBy, recordedAt: row.outcomeAt?.toISOString() }));
    },
  });

  const hitView = (row: Awaited<ReturnType<HitsService['recent']>>[number]) => ({
    ...row,
    matchList: row.matches as StoredMatch[],
    outcomeLabel: row.outcome ? (OUTCOMES[row.outcome as keyof typeof OUTCOMES] ?? row.outcome) : null,
  });

  app.get('/plate-check-hits', { config: { access: { roles: HIT_OFFICERS } } }, async (request, reply) => {
    const query = request.query as { recorded?: string; awaiting?: string };
    await recorder.flush();
    const rows = await hits.recent({ limit: 100, awaitingOutcome: query.awaiting === '1' });
    const recorded = query.recorded ? await hits.get(query.recorded) : null;
    return reply.page('plate-checks/views/hits.njk', {
      pageTitle: 'Plate check hits',
      hits: rows.map(hitView),
      awaiting: query.awaiting === '1',
      recorded: recorded ? hitView(recorded) : null,
    });
  });

  const outcomeItems = (chosen?: string) => Object.entries(OUTCOMES).map(([value, text]) => ({ value, text, checked: chosen === value }));

  app.get('/plate-check-hits/:id', { config: { access: { roles: HIT_OFFICERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const row = await hits.get(id);
    if (!row) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Hit not found' });
    return reply.page('plate-checks/views/hit.njk', { pageTitle: `Hit on ${row.registration}`, hit: hitView(row), outcomes: outcomeItems(), values: {}, fieldErrors: {}, backLink: '/plate-check-hits' });
  });

  app.post('/plate-check-hits/:id/outcome', { config: { access: { roles: HIT_OFFICERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const row = await hits.get(id);
    if (!row) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Hit not found' });
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const values = { outcome: form.outcome ?? '', reason: form.reason ?? '' };
    const outcome = await hits.recordOutcome(id, { outcome: values.outcome || undefined, reason: values.reason.trim() || undefined }, { actor: request.actor! });
    if (outcome.ok) return reply.redirect(`/plate-check-hits?recorded=${id}`, 303);
    const errors = 'errors' in outcome ? outcome.errors.filter((e) => e.field !== 'hitId') : [{ field: 'outcome', message: outcome.message }];
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, { text: e.message }]));
    return reply.code(422).page('plate-checks/views/hit.njk', {
      pageTitle: `Hit on ${row.registration}`,
      hit: hitView(row),
      outcomes: outcomeItems(values.outcome),
      values,
      errorList: errors.map((e) => ({ text: e.message, href: `#${e.field === 'outcome' ? 'outcome' : e.field}` })),
      fieldErrors,
      backLink: '/plate-check-hits',
    });
  });

  return { matcher, recorder };
}
