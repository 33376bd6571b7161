import { formatLongDate } from '../../domain/clock/calendar-date.js';
import type { requestStanding } from '../../domain/information-requests/decisions.js';

/* The words of this module's pages, banners and timeline entries (not domain logic). */

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** "Answered on time", "Answered 3 days late", "Overdue by 2 days", "Due in 5 days", "Withdrawn". */
export function standingWords(standing: ReturnType<typeof requestStanding>): string {
  switch (standing.kind) {
    case 'withdrawn':
      return 'Withdrawn';
    case 'answered':
      return standing.daysLate === 0 ? 'Answered on time' : `Answered ${days(standing.daysLate)} late`;
    case 'overdue':
      return `Overdue by ${days(standing.days)}`;
    case 'open':
      return standing.daysLeft === 0 ? 'Due today' : `Due in ${days(standing.daysLeft)}`;
  }
}

export const CONFIRMATIONS = {
  requested: (addressee: string) => `Request for information sent to ${addressee}`,
  answered: (reference: string) => `Your answer has been sent to the penalty team for case ${reference}`,
  withdrawn: () => 'Request for information withdrawn',
};

interface RequestForTimeline {
  itemNames: string[];
  addressee: string;
  dueDate: string;
  requestedByName: string;
  requestedAt: Date;
  withdrawnAt: Date | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
  answers: { text: string; files: unknown[]; answeredByName: string; answeredAt: Date; daysLate: number }[];
}

/** Each request's events as the case timeline shows them. */
export function requestTimelineEntries(requests: readonly RequestForTimeline[]) {
  return requests.flatMap((r) => [
    {
      title: 'Information requested',
      description: `Asked ${r.addressee} for: ${r.itemNames.join('; ')}. Due by ${formatLongDate(r.dueDate)}.`,
      actorName: r.requestedByName,
      occurredAt: r.requestedAt,
    },
    ...r.answers.map((a) => ({
      title: 'Information request answered',
      description: `${a.daysLate === 0 ? 'Answered on time' : `Answered ${days(a.daysLate)} late`}${a.files.length ? `, with ${a.files.length === 1 ? '1 file' : `${a.files.length} files`}` : ''}.`,
      actorName: a.answeredByName,
      occurredAt: a.answeredAt,
    })),
    ...(r.withdrawnAt ? [{ title: 'Information request withdrawn', description: r.withdrawnReason ?? '', actorName: r.withdrawnByName ?? '', occurredAt: r.withdrawnAt }] : []),
  ]);
}
