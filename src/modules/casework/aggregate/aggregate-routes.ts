import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand } from '../../../platform/events/command.js';
import { readMoney } from '../action-forms.js';
import type { CasesService } from '../service.js';
import type { CasePageSection } from '../case-page-sections.js';
import { recordAggregateSplit, splitMembers } from './aggregate-split.js';

/** The case page section: shown when an offence's penalties exceed the aggregate maximum. */
export const aggregateSection: CasePageSection = {
  name: 'aggregate',
  async load(file, actor) {
    const offences = (['S31A', 'S32'] as const)
      .map((offence) => {
        const members = splitMembers(file, offence);
        const cap = members.map((row) => file.states.get(row.id)!.aggregateCap).find(Boolean);
        if (!cap?.exceedsCap) return null;
        return {
          offence,
          cap,
          members: members.map((row) => ({ id: row.id, name: row.partyName, role: row.role, own: file.states.get(row.id)!.recommendation?.amountPence ?? 0, share: file.states.get(row.id)!.aggregateCap?.seniorOfficerSplit?.amountPence ?? null })),
        };
      })
      .filter(Boolean);
    return { offences, canSplit: actor.roles.includes('senior-officer') };
  },
};

export function aggregateRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  app.post('/cases/:reference/aggregate-split', { config: { access: { roles: ['senior-officer'] } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const amountsPence: Record<string, number> = {};
    const problems: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('share-')) continue;
      const read = readMoney(body, key, 'The share');
      if (read.ok) amountsPence[key.slice('share-'.length)] = read.pence;
      else problems.push(read.error.message);
    }
    const version = /^\d+$/.test(body.version ?? '') ? Number(body.version) : undefined;
    const outcome = problems.length
      ? null
      : await executeCommand(deps.db, recordAggregateSplit, { reference, offence: body.offence, amountsPence }, { actor: request.actor!, now: deps.cases.now(), expectedVersion: version });
    const message = problems[0] ?? (outcome && !outcome.ok ? outcome.message : null);
    if (!message) reply.confirmation('Shares of the aggregate penalty recorded');
    return reply.redirect(`/cases/${encodeURIComponent(reference)}${message ? `?error=${encodeURIComponent(message)}` : ''}#aggregate`, 303);
  });
}
