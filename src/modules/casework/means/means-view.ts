import { formatPounds } from '../../../domain/penalty/money.js';
import type { MeansAssessment } from './means-record.js';

/* A means assessment as the case page and the assurance page show it. */

export const BAND_LABELS = { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large' } as const;
const STATUS = { 'awaiting-assurance': 'Awaiting assurance', assured: 'Assured', returned: 'Returned' } as const;

const grouped = (value: string | number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function describeAssessment(a: MeansAssessment) {
  const r = a.recorded;
  const rows: { key: string; value: string }[] = [];
  if (r.kind === 'company') {
    const i = r.inputs;
    if (i.turnover !== null) rows.push({ key: 'Turnover', value: `${i.currency} ${grouped(i.turnover)} = €${grouped(i.turnoverEuro ?? 0)}` });
    if (i.balanceSheetTotal !== null) rows.push({ key: 'Balance-sheet total', value: `${i.currency} ${grouped(i.balanceSheetTotal)} = €${grouped(i.balanceSheetTotalEuro ?? 0)}` });
    rows.push({ key: 'Staff', value: grouped(i.headcount) });
    rows.push({ key: 'Exchange rate', value: r.rate ? `1 ${i.currency} = €${r.rate.eurosPerUnit} on ${r.rate.date} (${r.rate.source}); rounded up to whole euros` : 'Accounts in euros' });
  } else {
    for (const p of r.inputs.payslips) rows.push({ key: `Payslip, ${monthName(p.month)}`, value: `${formatPounds(p.grossPence)} gross` });
  }
  const suggestion = r.kind === 'company' ? `${BAND_LABELS[r.suggestion.band]} company` : formatPounds(r.suggestion.amountPence);
  const decision = r.kind === 'company' ? `${BAND_LABELS[r.decision.band]} company` : formatPounds(r.decision.assessedAmountPence);
  return {
    assessmentId: r.assessmentId,
    kind: r.kind,
    kindLabel: r.kind === 'company' ? 'Company size' : 'Individual’s affordable amount',
    rows,
    suggestion,
    explanation: r.suggestion.explanation,
    decision,
    differs: suggestion !== decision,
    reason: r.decision.reason,
    status: a.status,
    statusLabel: STATUS[a.status],
    recordedBy: a.recordedBy,
    recordedByName: a.recordedByName,
    recordedAt: a.recordedAt,
    outcome: a.outcome ?? null,
  };
}

export type AssessmentView = ReturnType<typeof describeAssessment>;
