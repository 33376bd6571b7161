import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import { markdownTableAfter } from '../penalty/doc-tables.js';
import { evaluateDeadlinesRequest } from './deadlines-request.js';
import type { DeadlineName, DeadlinesInput } from './deadlines.js';

/*
 * The deadline examples in docs/penalties.md are read here and derived again: a changed rule, a
 * typing slip in the page or a cell this reader does not understand fails the build.
 */

const DOC_PATH = new URL('../../../docs/penalties.md', import.meta.url);

const DEADLINE_NAMES_IN_THE_DOC: Record<string, DeadlineName> = {
  'Last day to issue the penalty notice': 'lastDayToImpose',
  'Earliest imposition': 'earliestImposition',
  'Last day to send the initial notice': 'lastDayToSendInitialNotice',
  'Response to the initial notice': 'initialNoticeResponseDue',
  Objection: 'objectionDue',
  'Objection decision': 'objectionDeterminationDue',
  'Appeal to the court': 'appealDue',
  'Payment due': 'paymentDue',
  'Sale of a detained vehicle': 'detentionSaleFrom',
  '14-day warning': 'warningFourteenDays',
  '7-day warning': 'warningSevenDays',
};

function factsOf(text: string): DeadlinesInput {
  const facts: Record<string, string> = {};
  const lorryDrop: Record<string, string> = {};
  let jurisdiction: DeadlinesInput['jurisdiction'];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    if (part === 'in Scotland') jurisdiction = 'scotland';
    else if (part === 'in Northern Ireland') jurisdiction = 'northern-ireland';
    else {
      const match = /^(incident|initial notice sent|penalty notice|objection received|objection decided|detention started|arrived|found inland) (\d{4}-\d{2}-\d{2})$/.exec(part);
      if (!match?.[1] || !match[2]) throw new Error(`Facts: cannot read "${part}"`);
      const field = {
        incident: 'incidentDate',
        'initial notice sent': 'initialNoticeSentOn',
        'penalty notice': 'penaltyNoticeDate',
        'objection received': 'objectionReceivedOn',
        'objection decided': 'objectionDecidedOn',
        'detention started': 'detentionStartedOn',
        arrived: 'estimatedArrivalDate',
        'found inland': 'detectionDate',
      }[match[1]];
      if (field === 'estimatedArrivalDate' || field === 'detectionDate') lorryDrop[field] = match[2];
      else if (field) facts[field] = match[2];
    }
  }
  const incidentDate = facts['incidentDate'];
  if (!incidentDate) throw new Error(`Facts: no incident date in "${text}"`);
  return {
    ...facts,
    incidentDate,
    ...(jurisdiction ? { jurisdiction } : {}),
    ...(lorryDrop['estimatedArrivalDate'] && lorryDrop['detectionDate']
      ? { lorryDrop: { estimatedArrivalDate: lorryDrop['estimatedArrivalDate'], detectionDate: lorryDrop['detectionDate'] } }
      : {}),
  };
}

const rows = markdownTableAfter(readFileSync(DOC_PATH, 'utf8'), '<!-- deadline-examples');

describe('deadline examples in docs/penalties.md', () => {
  it('include the deadline examples of DOMAIN.md §8', () => {
    expect(rows.length).toBeGreaterThanOrEqual(7);
  });

  it.each(rows.map((row) => [`${row['Facts']} → ${row['Deadline']}`, row] as const))('%s', (_title, row) => {
    const name = DEADLINE_NAMES_IN_THE_DOC[row['Deadline'] ?? ''];
    if (!name) throw new Error(`Deadline: cannot read "${row['Deadline']}"`);
    const outcome = evaluateDeadlinesRequest(factsOf(row['Facts'] ?? ''), DEFAULT_POLICY_VERSIONS);
    if (!outcome.ok) throw new Error(outcome.reasons.join(' | '));
    const found = outcome.result.deadlines.find((entry) => entry.name === name);

    if (row['Date'] === 'none') {
      expect(found).toBeUndefined();
      return;
    }
    expect(found?.date).toBe(row['Date']);
    const flag = row['Non-working day'] ?? '';
    if (!/^(yes|no)\b/.test(flag)) throw new Error(`Non-working day: cannot read "${flag}"`);
    expect(found?.nonWorkingDay).toBe(flag.startsWith('yes'));
    const why = /^yes \((.+)\)$/.exec(flag)?.[1];
    if (why) expect(found?.rule).toContain(why);
  });
});
