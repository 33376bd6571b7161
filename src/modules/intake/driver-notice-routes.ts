import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { executeCommand } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { eventsOfType } from '../../platform/events/event-store.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import { letterLanguageFor } from '../../platform/i18n/languages.js';
import { portName } from '../../domain/reference/ports.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { requirementsNotMet } from '../../domain/incident/security-requirements.js';
import { deadlines } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { lorryDropOf, type IncidentInput } from '../../domain/incident/incident.js';
import { REFERRERS } from '../identity/roles.js';
import type { PolicyService } from '../policy/service.js';
import type { BorderEventsService } from './service.js';
import { recordDriverNoticeGiven } from './commands.js';
import { renderDriverNotice } from './driver-notice.js';
import { INCIDENT_EVENT } from '../../domain/incident/events.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The written notice to the driver at the port: printable, emailed where there is an address, recorded as given. */
export function driverNoticeRoutes(app: FastifyInstance, deps: { db: Db; borderEvents: BorderEventsService; policy: PolicyService; mailer: Mailer }) {
  const { borderEvents, policy, mailer } = deps;

  async function noticeFor(request: FastifyRequest, id: string) {
    const found = UUID.test(id) ? await borderEvents.getIncident(id) : null;
    if (!found || found.status !== 'submitted' || !found.caseReference) return null;
    const data = found.data as IncidentInput;
    const driver = data.responsiblePersons?.find((p) => p.role === 'driver');
    if (!driver) return null;
    const version = policyInForce(await policy.versions(), data.incidentDate!);
    const lorryDrop = lorryDropOf(data);
    const clock = version.ok ? deadlines({ incidentDate: data.incidentDate!, ...(lorryDrop ? { lorryDrop } : {}) }, version.policyVersion) : null;
    const by = clock?.ok ? clock.result.deadlines.find((d) => d.name === 'lastDayToSendInitialNotice')?.date : undefined;
    const language = letterLanguageFor(driver.language);
    const pdf = await renderDriverNotice({
      language,
      caseReference: found.caseReference,
      givenOn: ukDate(new Date()),
      officer: request.actor!.name,
      driver: { name: driver.name },
      offences: data.offences as ['S31A' | 'S32', ...('S31A' | 'S32')[]],
      incident: {
        date: data.incidentDate!,
        place: data.kind === 'inland' ? data.location ?? '' : portName(data.port ?? ''),
        vehicle: { registration: data.tractorRegistration ?? data.trailerRegistration ?? '', country: data.tractorCountry ?? data.trailerCountry ?? '' },
        ...(data.trailerRegistration && data.tractorRegistration ? { trailer: { registration: data.trailerRegistration, country: data.trailerCountry ?? '' } } : {}),
      },
      requirementsNotMet: requirementsNotMet(data.requirements ?? {}),
      noticeOfLiabilityBy: by ?? data.incidentDate!,
    });
    return { pdf, language, driver, reference: found.caseReference };
  }

  app.get('/incidents/:id/driver-notice.pdf', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const notice = await noticeFor(request, id);
    if (!notice) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    await recordPersonalDataRead(request, [{ record: 'incident', recordId: id, caseReference: notice.reference }]);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="driver-notice-${notice.reference}.pdf"`)
      .send(notice.pdf);
  });

  app.post('/incidents/:id/driver-notice', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const notice = await noticeFor(request, id);
    if (!notice) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    let emailed: { id: string; to: string } | null = null;
    if (body.method === 'email') {
      if (!notice.driver.email) {
        return reply.code(422).page('intake/views/evidence-refused.njk', { pageTitle: 'The notice was not emailed', message: 'No email address is recorded for the driver.', backLink: `/incidents/${id}` });
      }
      const sent = await mailer.send({
        to: notice.driver.email,
        subject: `Civil penalty notice – ${notice.reference}`,
        body: 'Border Force has given you the attached notice. Please read it: a civil penalty may follow.',
        reference: notice.reference,
        attachment: { filename: `driver-notice-${notice.reference}.pdf`, bytes: notice.pdf, mediaType: 'application/pdf' },
      });
      emailed = { id: sent.id, to: notice.driver.email };
    }
    const outcome = await executeCommand(
      deps.db,
      recordDriverNoticeGiven,
      { incidentId: id, method: body.method === 'email' ? 'email' : 'in-person', language: notice.language, emailId: emailed?.id, emailedTo: emailed?.to },
      { actor: request.actor! },
    );
    if (!outcome.ok) return reply.code(422).page('intake/views/evidence-refused.njk', { pageTitle: 'Not recorded', message: outcome.message, backLink: `/incidents/${id}` });
    return reply.redirect(`/incidents/${id}?notice=${body.method === 'email' ? 'emailed' : 'given'}`, 303);
  });

  return {
    /** When and how the notice was given, from the incident's events. */
    async noticesGiven(incidentId: string) {
      return (await eventsOfType(deps.db, `incident-${incidentId}`, INCIDENT_EVENT.DriverNoticeGiven)).map((e) => ({ ...e.payload, at: e.occurredAt, by: e.actorName }));
    },
  };
}
