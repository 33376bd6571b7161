import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { incidentDataOf } from '../intake/queries.js';
import { t as translate } from '../../platform/i18n/messages.js';
import { calculationOf, labelPhrase, nextStepsOf, penaltyView, phraseWith, rulePhrase, visiblePenalties, type CaseViewSources } from './case-view.js';
import { openLiability } from '../../domain/liability/liability-state.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/* What a person sees of a penalty, built from the modules' published queries, on a real case. */

let t: TestApp;
let kase: ImposedCase;
let sources: CaseViewSources;

beforeAll(async () => {
  t = await createTestApp();
  [kase] = (await imposedCases(t, ['Caseview Haulage Sp. z o.o.'], { key: 'case-view' })) as [ImposedCase];
  sources = { db: t.database.db, cases: t.services.cases, incidentDataOf };
}, 120_000);
afterAll(async () => t?.close());

const driverViewer = () => ({ caseReference: kase.reference, liabilityId: kase.driver.id, visibleLiabilityIds: [kase.driver.id] });
const ownerViewer = () => ({ caseReference: kase.reference, liabilityId: kase.owner.id, visibleLiabilityIds: [kase.owner.id, kase.driver.id] });

describe('a penalty as its person sees it', () => {
  it('gives the status, amounts, deadlines, reasons, calculation, letters and what to do next', async () => {
    const view = (await penaltyView(sources, driverViewer(), kase.driver.id, 'pl'))!;
    expect(view).not.toBeNull();
    expect(view.caseReference).toBe(kase.reference);
    expect(view.status.key).toBe('portalCase.status.imposed');
    expect(view.amountPence).toBeGreaterThan(0);
    expect(view.outstandingPence).toBe(view.amountPence);
    expect(view.paidPence).toBe(0);
    // The deadlines after imposition: object by, appeal by (payment due comes when the objection period ends).
    const names = view.deadlines.map((deadline) => deadline.name);
    expect(names).toContain('objectionDue');
    expect(names).not.toContain('lastDayToImpose');
    expect(view.deadlines.every((deadline) => /^\d{4}-\d{2}-\d{2}$/.test(deadline.date))).toBe(true);
    // S31A: the requirements recorded as not met, named in Polish.
    expect(view.offence).toBe('S31A');
    expect(view.reasons.summary.key).toMatch(/^portalCase\.reason\.s31a/);
    for (const requirement of view.reasons.requirementsNotMet) expect(requirement.name).not.toBe(requirement.code);
    // The calculation in force: a starting level first, ending at the amount.
    expect(view.calculation.length).toBeGreaterThan(0);
    expect(view.calculation[0]!.label.key).toBe('portalCase.calc.label.start');
    expect(view.calculation.at(-1)!.amountPence).toBe(view.amountPence);
    expect(view.calculation.every((line) => line.rule.key !== 'portalCase.calc.rule.other')).toBe(true);
    // Their letters: the initial notice and the penalty notice, each with its portal link.
    expect(view.letters.map((letter) => letter.form)).toEqual(expect.arrayContaining(['IS11E', 'IS1131A']));
    expect(view.letters.every((letter) => letter.href === `/portal/penalties/${kase.driver.id}/letters/${letter.id}`)).toBe(true);
    expect(view.letters.find((letter) => letter.form === 'IS1131A')!.kind.key).toBe('portalCase.letter.penaltyNotice');
    // Before the objection deadline: object (not late), pay, and the standing links.
    const next = view.nextSteps.map((step) => step.title.key);
    expect(next).toEqual(expect.arrayContaining(['portalCase.next.object', 'portalCase.next.pay', 'portalCase.next.contactDetails', 'portalCase.next.question']));
    expect(next).not.toContain('portalCase.next.lateObjection');
    expect(next).not.toContain('portalCase.next.questionnaire');
    const object = view.nextSteps.find((step) => step.title.key === 'portalCase.next.object')!;
    expect(object.href).toBe(`/portal/penalties/${kase.driver.id}/objection`);
    expect(object.deadline).toBe(view.deadlines.find((deadline) => deadline.name === 'objectionDue')!.date);
    // A driver has no drivers.
    expect(view.drivers).toEqual([]);
  });

  it('shows an owner its driver’s penalty and whether it is paid; a driver sees only its own', async () => {
    const owner = (await penaltyView(sources, ownerViewer(), kase.owner.id, 'en'))!;
    expect(owner.drivers).toHaveLength(1);
    expect(owner.drivers[0]).toMatchObject({ liabilityId: kase.driver.id, paid: false });
    expect(owner.drivers[0]!.outstandingPence).toBeGreaterThan(0);
    expect(await penaltyView(sources, ownerViewer(), kase.driver.id, 'en')).not.toBeNull();

    expect(await penaltyView(sources, driverViewer(), kase.owner.id, 'en')).toBeNull();
    expect(await penaltyView(sources, driverViewer(), '00000000-0000-4000-8000-000000000000', 'en')).toBeNull();
    expect(await penaltyView(sources, { ...ownerViewer(), caseReference: 'CEC-2026-999999' }, kase.owner.id, 'en')).toBeNull();

    const driverList = (await visiblePenalties(sources, driverViewer()))!;
    expect(driverList.map((row) => row.liabilityId)).toEqual([kase.driver.id]);
    const ownerList = (await visiblePenalties(sources, ownerViewer()))!;
    expect(ownerList.map((row) => row.liabilityId)).toEqual([kase.owner.id, kase.driver.id]);
  });

  it('offers a late objection once the objection deadline has passed', async () => {
    const view = (await penaltyView(sources, driverViewer(), kase.driver.id, 'en'))!;
    const objectionDue = view.deadlines.find((deadline) => deadline.name === 'objectionDue')!.date;
    const state = (await t.services.cases.caseFile(kase.reference))!.states.get(kase.driver.id)!;
    const dayAfter = new Date(Date.parse(`${objectionDue}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const later = nextStepsOf(state, kase.driver.id, view.deadlines, dayAfter, objectionDue).map((step) => step.title.key);
    expect(later).toContain('portalCase.next.lateObjection');
    expect(later).not.toContain('portalCase.next.object');
  });
});

describe('after a payment', () => {
  it('shows the payment and what is left, and tells the owner its driver has paid', async () => {
    const finance = (await t.services.identity.listUsers()).find((user) => user.username === 'finance-officer')!;
    const owed = (await t.services.cases.caseFile(kase.reference))!.states.get(kase.driver.id)!.penaltyNotice!.amountPence;
    const today = ukDate(t.clock.now());
    const part = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [kase.driver.id], action: { type: 'recordPayment', amountPence: 10_000, receivedOn: today, method: 'card', reference: 'CV-1', paidBy: 'recipient' } },
      { actor: { id: finance.id, name: finance.displayName, roles: finance.roles } },
    );
    expect(part.ok, part.ok ? '' : part.message).toBe(true);
    const partly = (await penaltyView(sources, driverViewer(), kase.driver.id, 'en'))!;
    expect(partly.payments).toEqual([{ amountPence: 10_000, receivedOn: today }]);
    expect(partly.paidPence).toBe(10_000);
    expect(partly.outstandingPence).toBe(owed - 10_000);
    expect((await penaltyView(sources, ownerViewer(), kase.owner.id, 'en'))!.drivers[0]!.paid).toBe(false);

    const rest = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [kase.driver.id], action: { type: 'recordPayment', amountPence: owed - 10_000, receivedOn: today, method: 'bank-transfer', reference: 'CV-2', paidBy: 'employer' } },
      { actor: { id: finance.id, name: finance.displayName, roles: finance.roles } },
    );
    expect(rest.ok, rest.ok ? '' : rest.message).toBe(true);
    const paid = (await penaltyView(sources, driverViewer(), kase.driver.id, 'en'))!;
    expect(paid.outstandingPence).toBe(0);
    expect(paid.status.key).toBe('portalCase.status.paid');
    expect(paid.nextSteps.map((step) => step.title.key)).not.toContain('portalCase.next.pay');
    const owner = (await penaltyView(sources, ownerViewer(), kase.owner.id, 'en'))!;
    expect(owner.drivers[0]).toMatchObject({ liabilityId: kase.driver.id, paid: true, outstandingPence: 0 });
    // The owner's own penalty is still owed.
    expect(owner.nextSteps.map((step) => step.title.key)).toContain('portalCase.next.pay');
  });
});

describe('the calculation in words', () => {
  it('reads each rule of the vocabulary into a message with its amounts', () => {
    expect(rulePhrase('£6,000 × 3 clandestine entrants')).toEqual({ key: 'portalCase.calc.rule.startPerEntrant', params: { entrants: 3 }, money: { amount: 600_000 } });
    expect(rulePhrase('£10,000')).toEqual({ key: 'portalCase.calc.rule.start', money: { amount: 1_000_000 } });
    expect(rulePhrase('50% of the starting level (reductions so far 75%)')).toEqual({ key: 'portalCase.calc.rule.reduction', params: { percent: '50%', total: '75%' } });
    expect(rulePhrase('50% of the starting level (reductions so far 125%, capped at 100%)').key).toBe('portalCase.calc.rule.reductionCapped');
    expect(rulePhrase('75% off the amount so far')).toEqual({ key: 'portalCase.calc.rule.percentOff', params: { percent: '75%' } });
    expect(rulePhrase('lower of the amount so far and £400').money).toEqual({ amount: 40_000 });
    expect(rulePhrase('round down to a whole pound').key).toBe('portalCase.calc.rule.roundDown');
    expect(rulePhrase('something new')).toEqual({ key: 'portalCase.calc.rule.other', params: { rule: 'something new' } });
    // An officer's name in a discretion label is not shown to the public.
    expect(labelPhrase('Discretion (reason hardship), approved by Jane Smith')).toEqual({ key: 'portalCase.calc.label.discretion' });
  });

  it('writes a phrase in the language, money in its format', () => {
    const words = phraseWith((key, params) => translate('pl', key, params), (pence) => `${pence / 100} £`);
    expect(words(rulePhrase('£6,000 × 3 clandestine entrants'))).toBe('6000 £ × 3 znalezionych osób');
  });

  it('has no calculation before a penalty is imposed', () => {
    expect(calculationOf(openLiability({ offence: 'S31A', role: 'driver', incidentDate: '2026-12-01' }))).toEqual([]);
  });
});
