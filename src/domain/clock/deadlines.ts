import { z } from 'zod';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { DEFAULT_JURISDICTION, JURISDICTIONS, JURISDICTION_NAMES, type Jurisdiction } from './bank-holidays.js';
import {
  addDays,
  calendarDateSchema,
  daysBetween,
  earlierOf,
  isAfter,
  isBefore,
  isCalendarDate,
  type CalendarDate,
} from './calendar-date.js';
import { deadline, type Deadline } from './deadline.js';
import { inSchemeRange } from './plausible-dates.js';

export const DEADLINE_NAMES = [
  'lastDayToImpose',
  'earliestImposition',
  'lastDayToSendInitialNotice',
  'initialNoticeResponseDue',
  'objectionDue',
  'objectionDeterminationDue',
  'appealDue',
  'paymentDue',
  'detentionSaleFrom',
  'warningFourteenDays',
  'warningSevenDays',
] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];

/** A date of the case: real, from 2000 to a year ahead of today (plausible-dates.ts). */
const caseDate = (field: string) => calendarDateSchema(field).superRefine(inSchemeRange(field, { ahead: true }));
const optionalDate = (field: string, description: string) => caseDate(field).describe(description).optional();

export const deadlinesInputSchema = z.strictObject({
  incidentDate: caseDate('incidentDate').describe('Date of the incident (YYYY-MM-DD)'),
  lorryDrop: z
    .strictObject({
      estimatedArrivalDate: caseDate('lorryDrop.estimatedArrivalDate').describe('Date the vehicle is estimated to have arrived in the UK'),
      detectionDate: caseDate('lorryDrop.detectionDate').describe('Date the clandestine entrant was found inland'),
    })
    .describe('Only for a lorry drop: the clock starts on the earlier of the two dates')
    .optional(),
  initialNoticeSentOn: optionalDate('initialNoticeSentOn', 'Date the initial notice (IS11D/IS11E) was sent'),
  penaltyNoticeDate: optionalDate('penaltyNoticeDate', 'Date of the penalty notice'),
  objectionReceivedOn: optionalDate('objectionReceivedOn', 'Date a notice of objection was received'),
  objectionDecidedOn: optionalDate('objectionDecidedOn', 'Date of the objection decision (IS11A/B/C)'),
  detentionStartedOn: optionalDate('detentionStartedOn', 'Date detention of the vehicle started'),
  jurisdiction: z
    .enum(JURISDICTIONS, { error: `jurisdiction must be one of ${JURISDICTIONS.map((j) => `"${j}"`).join(', ')}` })
    .describe('Calendar and court rules to use; default "england-wales"')
    .optional(),
});

export type DeadlinesInput = z.infer<typeof deadlinesInputSchema>;

export type DeadlinesOutcome =
  | { ok: true; result: { deadlines: Deadline<DeadlineName>[] } }
  | { ok: false; reasons: string[] };

type DateField = 'initialNoticeSentOn' | 'penaltyNoticeDate' | 'objectionReceivedOn' | 'objectionDecidedOn' | 'detentionStartedOn';
const DATE_FIELDS: readonly DateField[] = [
  'initialNoticeSentOn',
  'penaltyNoticeDate',
  'objectionReceivedOn',
  'objectionDecidedOn',
  'detentionStartedOn',
];

const FACT_NAMES: Record<DateField, string> = {
  initialNoticeSentOn: 'The initial notice',
  penaltyNoticeDate: 'The penalty notice',
  objectionReceivedOn: 'The objection',
  objectionDecidedOn: 'The objection decision',
  detentionStartedOn: 'The detention',
};

/** Whether the 2023 regime (with its 180-day limit) applies to an incident. */
export function isNewRegime(incidentDate: CalendarDate, policyVersion: PolicyVersion): boolean {
  return !isBefore(incidentDate, policyVersion.parameters.regime.changeDate);
}

/** The day the person became responsible: the incident, or for a lorry drop the earlier of arrival and detection. */
export function responsibilityStart(input: Pick<DeadlinesInput, 'incidentDate' | 'lorryDrop'>): {
  date: CalendarDate;
  description: string;
} {
  if (!input.lorryDrop) return { date: input.incidentDate, description: `the incident date, ${input.incidentDate}` };
  const { estimatedArrivalDate, detectionDate } = input.lorryDrop;
  return {
    date: earlierOf(estimatedArrivalDate, detectionDate),
    description: `the earlier of the estimated arrival (${estimatedArrivalDate}) and detection (${detectionDate}) dates of the lorry drop`,
  };
}

/** The reasons recorded facts cannot produce deadlines: impossible dates or an impossible order. */
export function deadlineFactProblems(input: DeadlinesInput, policyVersion: PolicyVersion): string[] {
  const problems: string[] = [];
  const checkDate = (field: string, value: unknown) => {
    if (!isCalendarDate(value)) problems.push(`${field} "${String(value)}" is not a real date written YYYY-MM-DD.`);
  };
  checkDate('incidentDate', input.incidentDate);
  if (input.lorryDrop) {
    checkDate('lorryDrop.estimatedArrivalDate', input.lorryDrop.estimatedArrivalDate);
    checkDate('lorryDrop.detectionDate', input.lorryDrop.detectionDate);
  }
  for (const field of DATE_FIELDS) if (input[field] !== undefined) checkDate(field, input[field]);
  if (input.jurisdiction !== undefined && !JURISDICTIONS.includes(input.jurisdiction)) {
    problems.push(`jurisdiction "${String(input.jurisdiction)}" is not one of ${JURISDICTIONS.join(', ')}.`);
  }
  if (problems.length > 0) return problems;

  if (input.lorryDrop) {
    const { estimatedArrivalDate, detectionDate } = input.lorryDrop;
    const windowHours = policyVersion.parameters.clock.lorryDropWindowHours;
    if (isAfter(estimatedArrivalDate, detectionDate)) {
      problems.push(
        `The lorry drop's estimated arrival (${estimatedArrivalDate}) is after its detection (${detectionDate}); an entrant cannot be found before the vehicle arrived. Check both dates.`,
      );
    } else if (daysBetween(estimatedArrivalDate, detectionDate) > windowHours / 24) {
      problems.push(
        `The lorry drop's estimated arrival (${estimatedArrivalDate}) is more than ${windowHours} hours before its detection (${detectionDate}), so this is not a lorry drop. Check the dates, or record it without lorryDrop.`,
      );
    }
  }

  const earliestFact = responsibilityStart(input).date;
  const start = earlierOf(input.incidentDate, earliestFact);
  for (const field of DATE_FIELDS) {
    const value = input[field];
    if (value !== undefined && isBefore(value, start)) {
      problems.push(`${FACT_NAMES[field]} date (${field} ${value}) is before the incident (${start}). Check the date.`);
    }
  }
  if (input.penaltyNoticeDate && input.objectionReceivedOn && isBefore(input.objectionReceivedOn, input.penaltyNoticeDate)) {
    problems.push(
      `The objection was received (${input.objectionReceivedOn}) before the penalty notice date (${input.penaltyNoticeDate}); an objection answers a notice. Check both dates.`,
    );
  }
  if (input.objectionReceivedOn && input.objectionDecidedOn && isBefore(input.objectionDecidedOn, input.objectionReceivedOn)) {
    problems.push(
      `The objection decision (${input.objectionDecidedOn}) is before the objection was received (${input.objectionReceivedOn}). Check both dates.`,
    );
  }
  return problems;
}

/**
 * Every statutory and operational date of DOMAIN.md §3 that the recorded facts determine.
 * "N days beginning with D" ends on D + (N − 1); "within N days of D" ends on D + N.
 * A date is present only when its facts are; no date moves for a weekend or bank holiday.
 */
export function deadlines(input: DeadlinesInput, policyVersion: PolicyVersion): DeadlinesOutcome {
  const problems = deadlineFactProblems(input, policyVersion);
  if (problems.length > 0) return { ok: false, reasons: problems };

  const clock = policyVersion.parameters.clock;
  const version = policyVersion.version;
  const jurisdiction: Jurisdiction = input.jurisdiction ?? DEFAULT_JURISDICTION;
  const found = new Map<DeadlineName, Deadline<DeadlineName>>();
  const add = (name: DeadlineName, date: CalendarDate, rule: string) => found.set(name, deadline(name, date, rule, jurisdiction));

  const start = responsibilityStart(input);
  if (isNewRegime(input.incidentDate, policyVersion)) {
    const lastDay = addDays(start.date, clock.impositionWindowDays - 1);
    add(
      'lastDayToImpose',
      lastDay,
      `${clock.impositionWindowDays} days beginning with ${start.description}: ${start.date} + ${clock.impositionWindowDays - 1} days`,
    );
    add(
      'lastDayToSendInitialNotice',
      addDays(start.date, clock.lastInitialNoticeDay),
      `day ${clock.lastInitialNoticeDay + 1} counting ${start.date} as day 1 (${start.date} + ${clock.lastInitialNoticeDay} days, policy ${version}), so the ${clock.initialNoticeResponseDays}-day response window closes before the last day to impose (${lastDay}); from the next day the case must be proposed for write-off`,
    );
    add(
      'warningFourteenDays',
      addDays(lastDay, -clock.deadlineWarnings.first),
      `${clock.deadlineWarnings.first} days before the last day to impose (${lastDay}): work queues flag the case (policy ${version})`,
    );
    add(
      'warningSevenDays',
      addDays(lastDay, -clock.deadlineWarnings.urgent),
      `${clock.deadlineWarnings.urgent} days before the last day to impose (${lastDay}): work queues flag the case as urgent (policy ${version})`,
    );
  }
  add(
    'earliestImposition',
    addDays(input.incidentDate, clock.earliestImpositionDays),
    `incident date ${input.incidentDate} + ${clock.earliestImpositionDays} days (operational practice, policy ${version})`,
  );
  if (input.initialNoticeSentOn) {
    add(
      'initialNoticeResponseDue',
      addDays(input.initialNoticeSentOn, clock.initialNoticeResponseDays),
      `within ${clock.initialNoticeResponseDays} days of sending the initial notice on ${input.initialNoticeSentOn}`,
    );
  }
  if (input.penaltyNoticeDate) {
    add(
      'objectionDue',
      addDays(input.penaltyNoticeDate, clock.objectionDays),
      `must be received within ${clock.objectionDays} days of the penalty notice dated ${input.penaltyNoticeDate}`,
    );
    add(
      'paymentDue',
      addDays(input.penaltyNoticeDate, clock.paymentDueDays),
      `penalty notice date ${input.penaltyNoticeDate} + ${clock.paymentDueDays} days, the date printed on the notice (policy ${version})`,
    );
  }
  if (input.objectionReceivedOn) {
    add(
      'objectionDeterminationDue',
      addDays(input.objectionReceivedOn, clock.objectionDeterminationDays),
      `${clock.objectionDeterminationDays} days from receipt of the objection on ${input.objectionReceivedOn} (longer only if agreed and recorded)`,
    );
  }
  const appeal = appealDeadline(input, jurisdiction, clock.appealDays[jurisdiction]);
  if (appeal) add('appealDue', appeal.date, appeal.rule);
  if (input.detentionStartedOn) {
    add(
      'detentionSaleFrom',
      addDays(input.detentionStartedOn, clock.detentionSaleDays),
      `the ${clock.detentionSaleDays} days beginning with the start of detention on ${input.detentionStartedOn} end on ${addDays(input.detentionStartedOn, clock.detentionSaleDays - 1)}; sale is possible from the next day if the penalty is unpaid and no court has ordered release`,
    );
  }

  const ordered = DEADLINE_NAMES.flatMap((name) => {
    const entry = found.get(name);
    return entry ? [entry] : [];
  });
  return { ok: true, result: { deadlines: ordered } };
}

function appealDeadline(
  input: DeadlinesInput,
  jurisdiction: Jurisdiction,
  appealDays: number,
): { date: CalendarDate; rule: string } | undefined {
  // With an objection the appeal window runs from its decision; while it is undecided there is no date yet.
  const from = input.objectionDecidedOn
    ? { date: input.objectionDecidedOn, what: 'the objection decision' }
    : input.objectionReceivedOn
      ? undefined
      : input.penaltyNoticeDate
        ? { date: input.penaltyNoticeDate, what: 'the penalty notice' }
        : undefined;
  if (!from) return undefined;
  const date = addDays(from.date, appealDays);
  if (jurisdiction === 'scotland') {
    return {
      date,
      rule: `Scotland: ${appealDays} days after receipt of ${from.what} dated ${from.date}, taking that date as the day of receipt (a later proven receipt gives more time)`,
    };
  }
  return {
    date,
    rule: `${JURISDICTION_NAMES[jurisdiction]}: within ${appealDays} days of ${from.what} dated ${from.date}`,
  };
}

export type GuardOutcome = { ok: true } | { ok: false; reasons: string[]; proposeWriteOff: boolean };

/**
 * May an initial notice still be sent on `on`? From the day after the last day to send, the
 * response window could not close before the last day to impose: the case is proposed for write-off.
 */
export function checkInitialNoticeSending(
  facts: Pick<DeadlinesInput, 'incidentDate' | 'lorryDrop'>,
  on: CalendarDate,
  policyVersion: PolicyVersion,
): GuardOutcome {
  const outcome = deadlines(facts, policyVersion);
  if (!outcome.ok) return { ok: false, reasons: outcome.reasons, proposeWriteOff: false };
  const lastDay = outcome.result.deadlines.find((entry) => entry.name === 'lastDayToSendInitialNotice');
  if (lastDay && isAfter(on, lastDay.date)) {
    return {
      ok: false,
      reasons: [
        `The last day to send the initial notice was ${lastDay.date}; on ${on} the response window could not close before the last day to impose. Propose the case for write-off (deadline missed).`,
      ],
      proposeWriteOff: true,
    };
  }
  return { ok: true };
}

/**
 * May a penalty notice be imposed on `on`? Only after the initial notice's response window has
 * closed, not before the earliest imposition date, and (2023 regime) on or before the last day.
 */
export function checkImposition(
  facts: Pick<DeadlinesInput, 'incidentDate' | 'lorryDrop' | 'initialNoticeSentOn'>,
  on: CalendarDate,
  policyVersion: PolicyVersion,
): GuardOutcome {
  const outcome = deadlines(facts, policyVersion);
  if (!outcome.ok) return { ok: false, reasons: outcome.reasons, proposeWriteOff: false };
  const find = (name: DeadlineName) => outcome.result.deadlines.find((entry) => entry.name === name)?.date;
  const reasons: string[] = [];
  let proposeWriteOff = false;

  const lastDay = find('lastDayToImpose');
  if (lastDay && isAfter(on, lastDay)) {
    reasons.push(`The last day to impose was ${lastDay}; a penalty notice can no longer be issued. Propose the case for write-off (deadline missed).`);
    proposeWriteOff = true;
  }
  const responseDue = find('initialNoticeResponseDue');
  if (!responseDue) {
    reasons.push('No initial notice has been recorded as sent; the person must be given the chance to respond before a penalty is imposed.');
  } else if (!isAfter(on, responseDue)) {
    reasons.push(`The response window for the initial notice is open until ${responseDue}; impose from ${addDays(responseDue, 1)}.`);
  }
  const earliest = find('earliestImposition');
  if (earliest && isBefore(on, earliest)) {
    reasons.push(`Operational practice (policy ${policyVersion.version}) allows imposition from ${earliest}.`);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons, proposeWriteOff };
}

/** Work-queue flags before an objection determination is due (DOMAIN.md §3, internal warnings). */
export function objectionWarnings(
  objectionReceivedOn: CalendarDate,
  policyVersion: PolicyVersion,
  jurisdiction: Jurisdiction = DEFAULT_JURISDICTION,
): Deadline<'objectionWarningFourteenDays' | 'objectionWarningSevenDays'>[] {
  const clock = policyVersion.parameters.clock;
  const due = addDays(objectionReceivedOn, clock.objectionDeterminationDays);
  return [
    deadline(
      'objectionWarningFourteenDays',
      addDays(due, -clock.objectionWarnings.first),
      `${clock.objectionWarnings.first} days before the objection determination is due (${due}) (policy ${policyVersion.version})`,
      jurisdiction,
    ),
    deadline(
      'objectionWarningSevenDays',
      addDays(due, -clock.objectionWarnings.urgent),
      `${clock.objectionWarnings.urgent} days before the objection determination is due (${due}): urgent (policy ${policyVersion.version})`,
      jurisdiction,
    ),
  ];
}
