import type { FastifyInstance } from 'fastify';
import type { JobRunner } from './queue.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ADMINISTRATORS = ['administrator'];

/** What a job was about, in a few words for the list (its payload's values). */
function about(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** `/admin/jobs`: jobs given up as failed, each with a retry button, and the jobs waiting. */
export function jobsRoutes(app: FastifyInstance, deps: { jobs: JobRunner }) {
  app.get('/admin/jobs', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const [failed, waiting, counts] = await Promise.all([deps.jobs.failed(), deps.jobs.waiting(), deps.jobs.counts()]);
    const retried = (request.query as Record<string, unknown>).retried;
    return reply.page('platform/jobs/views/jobs.njk', {
      pageTitle: 'Jobs',
      counts,
      retried: retried === '1',
      failed: failed.map((job) => ({ ...job, about: about(job.payload) })),
      waiting: waiting.map((job) => ({ ...job, about: about(job.payload) })),
    });
  });

  app.post('/admin/jobs/:id/retry', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const retried = UUID.test(id) && (await deps.jobs.retry(id));
    if (!retried) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    request.log.info({ jobId: id, by: request.actor?.id }, 'failed job queued again by an administrator');
    return reply.redirect('/admin/jobs?retried=1', 303);
  });
}
