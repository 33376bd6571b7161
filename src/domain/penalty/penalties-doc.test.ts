import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculatePenalty } from './calculate-penalty.js';
import { defaultPolicyVersion } from './penalty-factories.js';
import { markdownTableAfter } from './doc-tables.js';
import { parsePounds } from './money.js';
import { COMPANY_BANDS, ROLES, type DiscretionItem, type Means, type PenaltyCalculationInput, type PreviousPenalty } from './penalty-input.js';

/*
 * docs/penalties.md is written for caseworkers and hauliers. Its worked-examples table is read
 * here, cell by cell, and every row is calculated: an example that no longer matches the system,
 * or a cell this reader does not understand, fails the build. (Reading the file is test-only I/O.)
 */

const DOC_PATH = new URL('../../../docs/penalties.md', import.meta.url);
const TODAY = '2026-06-30';

function cell(row: Record<string, string>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`no column "${name}"`);
  return value;
}

function yesNo(value: string, column: string): boolean | undefined {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  if (value === '' || value === 'not recorded') return undefined;
  throw new Error(`${column}: cannot read "${value}"`);
}

function previousPenalties(value: string): PreviousPenalty[] {
  if (value === 'none') return [];
  return value.split(';').map((part) => {
    const match = /^(S31A|S32) on (\d{4}-\d{2}-\d{2})( \(cancelled\))?$/.exec(part.trim());
    if (!match?.[1] || !match[2]) throw new Error(`Previous penalties: cannot read "${part}"`);
    return { offence: match[1] as 'S31A' | 'S32', issuedOn: match[2], cancelled: match[3] !== undefined };
  });
}

function discretionItems(value: string, column: string): DiscretionItem[] {
  if (value === 'none') return [];
  return value.split(';').map((part) => {
    const match = /^(\d+(?:\.\d+)?)% ([A-Z_]+) approved by (.+)$/.exec(part.trim());
    if (!match?.[1] || !match[2] || !match[3]) throw new Error(`${column}: cannot read "${part}"`);
    return { percent: Number(match[1]), reasonCode: match[2], approvedBy: match[3] };
  });
}

function means(value: string): Means | undefined {
  if (value === 'none') return undefined;
  const company = /^(\w+) company$/.exec(value);
  const band = COMPANY_BANDS.find((candidate) => candidate === company?.[1]);
  if (band) return { kind: 'company', band };
  const individual = /^individual (£[\d,.]+)$/.exec(value);
  const assessedAmountPence = individual?.[1] ? parsePounds(individual[1]) : undefined;
  if (assessedAmountPence !== undefined) return { kind: 'individual', assessedAmountPence };
  throw new Error(`Means: cannot read "${value}"`);
}

function factsOf(row: Record<string, string>): PenaltyCalculationInput {
  const offence = cell(row, 'Offence');
  if (offence !== 'S31A' && offence !== 'S32') throw new Error(`Offence: cannot read "${offence}"`);
  const role = ROLES.find((candidate) => candidate === cell(row, 'Who'));
  if (!role) throw new Error(`Who: cannot read "${cell(row, 'Who')}"`);
  const entrants = cell(row, 'Entrants');
  const postMeans = discretionItems(cell(row, 'Discretion after means'), 'Discretion after means');
  return {
    offence,
    role,
    incidentDate: cell(row, 'Incident'),
    ...(entrants === '' ? {} : { clandestineEntrants: Number(entrants) }),
    presentOnJourney: yesNo(cell(row, 'On the journey'), 'On the journey'),
    previousPenalties: previousPenalties(cell(row, 'Previous penalties')),
    cpasMember: yesNo(cell(row, 'CPAS member'), 'CPAS member'),
    compliedWithRegulations: yesNo(cell(row, 'Complied'), 'Complied'),
    discretion: discretionItems(cell(row, 'Discretion'), 'Discretion'),
    means: means(cell(row, 'Means')),
    postMeansDiscretion: postMeans[0],
  };
}

const rows = markdownTableAfter(readFileSync(DOC_PATH, 'utf8'), '<!-- penalty-examples');

describe('worked examples in docs/penalties.md', () => {
  it('has the twelve examples of DOMAIN.md §8 and more', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
  });

  it.each(rows.map((row) => [cell(row, '#'), row] as const))('example %s gives the penalty the page states', (_number, row) => {
    const outcome = calculatePenalty(factsOf(row), defaultPolicyVersion(), TODAY);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reasons.join(' | ')}`);
    expect(outcome.result.amountPence).toBe(parsePounds(cell(row, 'Penalty')));
  });

  it.each(rows.map((row) => [cell(row, '#'), row] as const))('example %s shows working that ends on its penalty', (_number, row) => {
    const amounts = cell(row, 'Working').match(/£[\d,]+(?:\.\d{2})?/g) ?? [];
    expect(amounts.at(-1)).toBe(cell(row, 'Penalty'));
  });
});
