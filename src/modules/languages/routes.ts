import type { FastifyInstance } from 'fastify';
import { ADMINISTRATORS } from '../identity/roles.js';
import type { Role } from '../identity/roles.js';
import { languageName, SOURCE_LANGUAGE, type Language } from '../../platform/i18n/languages.js';
import { catalogueStatuses, type ReviewStatus } from '../../platform/i18n/messages.js';

/** Who sees the languages page: administrators and managers. */
export const LANGUAGE_READERS: readonly Role[] = [...ADMINISTRATORS, 'manager'];

const STATUS_TEXT: Record<ReviewStatus, { text: string; colour: string }> = {
  source: { text: 'Source (English)', colour: 'govuk-tag--blue' },
  'machine-drafted': { text: 'Machine-drafted, not reviewed', colour: 'govuk-tag--yellow' },
  reviewed: { text: 'Reviewed', colour: 'govuk-tag--green' },
};

/**
 * /languages: each language letters and public pages are written in, whether a qualified
 * translator has reviewed its catalogue (and who, when), and how many messages still fall back to
 * English. Read only: the status is set in the catalogue's _meta by the person who reviewed it.
 */
export function languagesRoutes(app: FastifyInstance) {
  app.get('/languages', { config: { access: { roles: LANGUAGE_READERS } } }, async (_request, reply) => {
    const rows = catalogueStatuses().map((status) => {
      const code = status.meta.language as Language;
      return {
        code,
        name: languageName(code),
        ownName: code === SOURCE_LANGUAGE ? '' : status.meta.name,
        status: STATUS_TEXT[status.meta.status],
        reviewedBy: status.meta.reviewedBy,
        reviewedOn: status.meta.reviewedOn,
        keys: status.keys,
        untranslated: status.untranslated,
        knownGaps: status.knownGaps,
      };
    });
    return reply.page('languages/views/languages.njk', {
      pageTitle: 'Languages',
      rows,
      keys: rows[0]?.keys ?? 0,
      reviewed: rows.filter((row) => row.status.text === STATUS_TEXT.reviewed.text).length,
    });
  });
}
