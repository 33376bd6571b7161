import type { FastifyInstance } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { CASE_READERS, REFERRERS } from '../identity/roles.js';
import type { BorderEventsService } from './service.js';
import { sendForbidden } from '../../platform/http/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
const LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024 };

/** Uploading photos and scans to an incident, and showing them to the people who may see the case. */
export function evidenceRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;

  app.post('/incidents/:id/evidence', { config: { access: { roles: REFERRERS }, multipart: LIMITS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const form = await readMultipartForm(request, LIMITS);
    const back = (message: string) =>
      reply.code(422).page('intake/views/evidence-refused.njk', { pageTitle: 'The files were not added', message, backLink: `/incidents/${id}/evidence` });
    if (!form.ok) return back(form.errors.map((e) => e.message).join(' '));
    const field = (name: string) => (typeof form.fields[name] === 'string' ? (form.fields[name] as string) : undefined);
    const outcome = await borderEvents.addEvidence(
      id,
      form.files.filter((f) => f.bytes.length > 0 || f.filename).map((f) => ({ bytes: f.bytes, filename: f.filename, mimetype: f.mimetype })),
      { kind: field('evidenceKind') ?? 'photo', requirementCode: field('requirementCode') },
      { actor: request.actor! },
    );
    if (!outcome.ok && outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
    if (!outcome.ok) return back('errors' in outcome && outcome.errors.length ? outcome.errors.map((e) => e.message).join(' ') : outcome.message);
    return reply.redirect(`/incidents/${id}/evidence?uploaded=${outcome.value.added}`, 303);
  });

  const serve = (thumbnail: boolean) => async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { hash } = request.params as { hash: string };
    const record = HASH.test(hash) ? await borderEvents.evidenceByHash(hash) : null;
    if (!record || (thumbnail ? record.thumbnailHash !== hash : record.fileHash !== hash)) {
      return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    }
    const bytes = await borderEvents.readFile(hash);
    if (!bytes) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    request.log.info({ audit: 'evidence-read', hash, incidentId: record.incidentId, actorId: request.actor?.id }, 'evidence read');
    // The full file is a read of the incident; a thumbnail is part of a page whose read is already logged.
    if (!thumbnail) await recordPersonalDataRead(request, [{ record: 'incident', recordId: record.incidentId }]);
    // Photos of people and vehicles: the server sends them Cache-Control: no-store, as every page.
    reply.header('x-content-type-options', 'nosniff');
    if (thumbnail) return reply.type('image/jpeg').send(bytes);
    const safeName = record.originalName.replace(/[^\w.\- ]+/g, '_');
    return reply.type(record.mediaType).header('content-disposition', `attachment; filename="${safeName}"`).send(bytes);
  };
  app.get('/evidence/:hash', { config: { access: { roles: [...REFERRERS, ...CASE_READERS] } } }, serve(false));
  app.get('/evidence/:hash/thumbnail', { config: { access: { roles: [...REFERRERS, ...CASE_READERS] } } }, serve(true));
}
