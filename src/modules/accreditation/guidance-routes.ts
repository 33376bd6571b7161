import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../../platform/i18n/messages.js';
import { t } from '../../platform/i18n/messages.js';
import { PUBLIC_LAYOUT, usePublicLanguage } from '../feedback/routes.js';
import { sendPortalNotFound } from '../portal/session.js';
import { GUIDANCE_DOCUMENTS, GUIDANCE_PATH, guidanceDocument, guidanceInLanguage, guidancePdf, publicAddress, versionLine } from './guidance.js';

/** The public guidance and toolkit pages and their PDFs, in the reader's language (see README-register.md). */
export function guidanceRoutes(app: FastifyInstance) {
  app.get(GUIDANCE_PATH, { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const language = request.language;
    return reply.page('accreditation/views/guidance/index.njk', {
      publicLayout: PUBLIC_LAYOUT,
      pageTitle: t(language, 'accreditation.guidance.index.title' as MessageKey),
      documents: GUIDANCE_DOCUMENTS.map((document) => ({ slug: document.slug, title: t(language, document.title), summary: t(language, document.summary), versionLine: versionLine(language, document) })),
    });
  });

  app.get(`${GUIDANCE_PATH}/:page`, { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const { page } = request.params as { page: string };
    const pdf = page.endsWith('.pdf');
    const document = guidanceDocument(pdf ? page.slice(0, -4) : page);
    if (!document) return sendPortalNotFound(reply);
    if (pdf) {
      const bytes = await guidancePdf(request.language, document, publicAddress());
      return reply
        .type('application/pdf')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${document.slug}-${document.version}-${request.language}.pdf"`)
        .send(bytes);
    }
    const words = guidanceInLanguage(request.language, document);
    return reply.page('accreditation/views/guidance/document.njk', { publicLayout: PUBLIC_LAYOUT, pageTitle: words.title, document: words, backLink: GUIDANCE_PATH });
  });
}
