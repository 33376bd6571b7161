import type { FastifyInstance } from 'fastify';
import { t } from '../../platform/i18n/messages.js';
import { PUBLIC_LAYOUT, usePublicLanguage } from '../feedback/routes.js';
import type { QuestionsService } from './service.js';

/** The published contact page: how to ask, the service level of the policy in force, opening hours. */
export function contactRoutes(app: FastifyInstance, deps: { questions: QuestionsService; contact: { email: string; phone: string } }) {
  app.get('/contact', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const level = await deps.questions.serviceLevel();
    return reply.page('questions/views/contact.njk', { publicLayout: PUBLIC_LAYOUT, pageTitle: t(request.language, 'contact.title'), contact: deps.contact, serviceLevel: level });
  });
}
