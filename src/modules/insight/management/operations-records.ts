import { formatDate } from '../../../platform/i18n/format.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { HIT_OUTCOMES } from '../../../domain/plate-checks/events.js';
import { RETURN_CATEGORIES, WRITE_OFF_REASONS } from '../../../domain/liability/actions.js';
import type { Family } from '../figure.js';
import type { RecordRow } from '../query.js';

/*
 * How a person recognises one record of an operations figure (management/operations.ts): its
 * reference, registration or company, with a link where the record has a staff page, and a line of
 * details. Called by describeRecord (annual/outputs.ts), which every records page and CSV uses.
 */

const text = (value: unknown) => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null);
const join = (...parts: unknown[]) => parts.map(text).filter(Boolean).join(' · ');
const label = (codes: Record<string, string>, code: unknown) => (typeof code === 'string' ? (codes[code] ?? code) : null);
const caseLink = (reference: unknown) => (typeof reference === 'string' && reference ? `/cases/${encodeURIComponent(reference)}` : null);


export function describeOperationsRecord(family: Family, row: RecordRow, language: Language = 'en'): { label: string; href: string | null; details: string } {
  const words = (key: string, params?: Record<string, string | number>) => t(language, `insight.mi.record.${key}` as MessageKey, params);
  const date = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(language, value.slice(0, 10)) : '');
  switch (family) {
    case 'valRecorded': {
      const refs = String(row.case_refs ?? '').split(',').filter(Boolean);
      return { label: String(row.registration ?? row.record), href: caseLink(refs[0]), details: join(row.country, row.company, refs.join(', '), words('dueOn', { date: date(row.due_date) })) };
    }
    case 'plateCheckOutcomes':
      return { label: String(row.registration ?? row.record), href: `/plate-check-hits/${encodeURIComponent(String(row.record))}`, details: join(label(HIT_OUTCOMES, row.outcome), row.reason, row.officer) };
    case 'deadlineMisses': {
      const missed = words(row.kind === '180' ? 'missed180' : 'missed151', { date: date(row.day) });
      const reason = row.with_reason === 'yes' ? words('writeOffProposed', { reason: `${label(WRITE_OFF_REASONS, row.reason)}${text(row.explanation) ? `: ${row.explanation}` : ''}` }) : words('noReason');
      return { label: String(row.reference ?? row.record), href: caseLink(row.reference), details: join(row.party, row.role, missed, reason) };
    }
    case 'assuranceReturns': {
      const categories = String(row.categories ?? row.category ?? '').split(',').filter(Boolean).map((c) => label(RETURN_CATEGORIES, c)).join(', ');
      return { label: String(row.reference ?? row.record), href: caseLink(row.reference), details: join(row.party, row.role, categories, row.text, row.assurer) };
    }
    case 'memberChecks':
      return { label: String(row.company ?? row.party_id ?? row.record), href: row.party_id ? `/accreditation/assurance/${encodeURIComponent(String(row.party_id))}` : null, details: join(words(`checkKind.${row.kind}`), words(`checkOutcome.${row.outcome}`), row.notes) };
    case 'accreditationDecisions':
      return {
        label: String(row.record),
        href: `/accreditation/applications/${encodeURIComponent(String(row.record))}`,
        details: join(row.company, words(row.outcome === 'accepted' ? 'accepted' : 'refused'), words('received', { date: date(row.received_on) }), words('decisionDue', { date: date(row.decision_due) }), words('daysTaken', { n: Number(row.days_taken) }), words(row.within === 'yes' ? 'withinTime' : 'late')),
      };
    case 'questionsAnswered':
      return {
        label: String(row.asker ?? row.record),
        href: `/questions/${encodeURIComponent(String(row.record))}`,
        details: join(row.reference, row.channel, words('asked', { date: date(row.asked_on) }), words('dueBy', { date: date(row.due_by) }), row.within === 'yes' ? words('withinServiceLevel') : words('workingDaysLate', { n: Number(row.working_days_late) })),
      };
    default:
      return { label: String(row.record), href: null, details: '' };
  }
}
