import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import { renderParts } from '../../../platform/pdf/letter.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { detentionNoticeParts } from './detention-notice.js';
import { instalmentPlanParts } from './instalment-plan.js';
import { lateObjectionRefusedParts } from './late-objection-refused.js';
import type { CaseLetterBase, PaymentDetails } from './letter-parts.js';
import { paymentDemandLetter, paymentDemandParts, type PaymentDemandInput } from './payment-demand.js';
import { writeOffLetterParts } from './write-off-letter.js';

/* The letters added for issue 13 (item 9), each rendered in English followed by Polish, read back as a reader's PDF viewer would. */

const base: CaseLetterBase = {
  offence: 'S31A',
  language: 'pl',
  caseReference: 'CEC-2026-000777',
  date: '2026-12-04',
  recipient: { name: 'Trans-Pol Sp. z o.o.', addressLines: ['ul. Długa 5', '90-001 Łódź', 'Poland'] },
  role: 'owner',
  incident: { date: '2026-03-10', place: 'Coquelles (Eurotunnel, juxtaposed control)', vehicle: { registration: 'WGM 4521K', country: 'PL' } },
  contact: { email: 'team@cordon.invalid', phone: '0300 000 0000', postalAddress: ['Civil Penalty Team', 'Test House', 'London'] },
};
const payment: PaymentDetails = {
  onlineUrl: 'https://www.payments.service.gov.uk/test-link',
  bankTransfer: { accountName: 'TEST ACCOUNT', sortCode: '12-34-56', accountNumber: '12345678', iban: 'GB00TEST12345612345678', bic: 'TESTGB2L' },
};

async function textOf(parts: Parameters<typeof renderParts>[0]): Promise<string> {
  return flattened((await extractPdf(await renderParts(parts))).text);
}

describe('the letters added to the scheme', () => {
  it('confirms an agreed instalment plan with its schedule, in English and in Polish', async () => {
    const text = await textOf(
      instalmentPlanParts({
        ...base,
        amountPence: 150_000,
        paidBeforePence: 30_000,
        schedule: [
          { dueOn: '2027-01-04', amountPence: 60_000 },
          { dueOn: '2027-02-04', amountPence: 60_000 },
        ],
        paymentReference: 'CEC-2026-000777-O',
        payment,
      }),
    );
    expect(text).toContain('Form INSTALMENTS');
    expect(text).toContain(`We have agreed that you can pay the ${formatMoney('en', 120_000)} you owe on this penalty in 2 instalments`);
    expect(text).toContain(`Payment 2, by ${formatDate('en', '2027-02-04')}`);
    expect(text).toContain(`Total to pay ${formatMoney('en', 120_000)}`);
    expect(text).toContain('Quote the reference CEC-2026-000777-O with every payment.');
    expect(text).toContain('12-34-56');
    expect(text).toContain('https://www.payments.service.gov.uk/test-link');
    expect(text).toContain('Plan spłaty w ratach');
    expect(text).toContain(`Rata 2, płatna do ${formatDate('pl', '2027-02-04')}`);
    expect(text).toContain('ul. Długa 5');
  });

  it('reminds of an unpaid penalty, and the final demand gives the last day and what follows, in both languages', async () => {
    const demand: PaymentDemandInput = { ...base, kind: 'reminder', amountPence: 150_000, outstandingPence: 100_000, paymentDue: '2026-11-01', paymentReference: 'CEC-2026-000777-O', payment };
    const reminder = await textOf(paymentDemandParts(demand));
    expect(reminder).toContain('Form REMINDER');
    expect(reminder).toContain(`The penalty of ${formatMoney('en', 150_000)} was due to be paid by ${formatDate('en', '2026-11-01')}.`);
    expect(reminder).toContain(`you still owe ${formatMoney('en', 100_000)}`);
    expect(reminder).toContain('Przypomnienie: kara nie została zapłacona');
    const final = await textOf(paymentDemandParts({ ...demand, kind: 'final-demand', payBy: '2026-12-18' }));
    expect(final).toContain('Form FINAL-DEMAND');
    expect(final).toContain(`Pay ${formatMoney('en', 100_000)} by ${formatDate('en', '2026-12-18')}.`);
    expect(final).toContain('Vehicle Action List');
    expect(final).toContain('Ostateczne wezwanie do zapłaty');
    expect(final).toContain(`do ${formatDate('pl', '2026-12-18')}`);
    expect(() => paymentDemandLetter({ ...demand, outstandingPence: 0 }, 'en')).toThrow(/nothing is owed/);
    expect(() => paymentDemandLetter({ ...demand, kind: 'final-demand' }, 'en')).toThrow(/last day to pay/);
  });

  it('tells the owner their vehicle is detained: where, what is owed, the daily costs and the first day of sale', async () => {
    const text = await textOf(
      detentionNoticeParts({ ...base, registration: 'WGM 4521K', place: 'Dover Eastern Docks', startedOn: '2026-12-04', dailyCostPence: 4_500, outstandingPence: 150_000, saleFrom: '2027-02-26', paymentReference: 'CEC-2026-000777-O', payment }),
    );
    expect(text).toContain('Notice of detention of a vehicle');
    expect(text).toContain(`On ${formatDate('en', '2026-12-04')} Border Force detained the vehicle WGM 4521K at Dover Eastern Docks`);
    expect(text).toContain(`${formatMoney('en', 4_500)} a day`);
    expect(text).toContain(`may be sold from ${formatDate('en', '2027-02-26')}`);
    expect(text).toContain('Zawiadomienie o zatrzymaniu pojazdu');
    expect(text).toContain(`od ${formatDate('pl', '2027-02-26')}`);
  });

  it('tells a person sent an initial notice that no penalty will be given', async () => {
    const text = await textOf(writeOffLetterParts({ ...base, initialNoticeSentOn: '2026-04-02' }));
    expect(text).toContain('Form NO-PENALTY');
    expect(text).toContain(`We wrote to you on ${formatDate('en', '2026-04-02')} about the incident below`);
    expect(text).toContain('We have decided not to give you a penalty for this incident.');
    expect(text).toContain('Kara nie zostanie nałożona');
  });

  it('tells an objector their late objection will not be considered, with the dates, the reasons and what is still owed', async () => {
    const text = await textOf(
      lateObjectionRefusedParts({
        ...base,
        noticeDate: '2026-10-01',
        objectionReceivedOn: '2026-11-20',
        objectionDue: '2026-10-29',
        reasons: 'No reason was given for the delay of three weeks.',
        amountPence: 150_000,
        outstandingPence: 150_000,
        paymentReference: 'CEC-2026-000777-O',
        payment,
      }),
    );
    expect(text).toContain('Form LATE-OBJECTION');
    expect(text).toContain(`We received your objection on ${formatDate('en', '2026-11-20')}. The last day to object to the penalty notice dated ${formatDate('en', '2026-10-01')} was ${formatDate('en', '2026-10-29')}.`);
    expect(text).toContain('No reason was given for the delay of three weeks.');
    expect(text).toContain('Sprzeciw wpłynął po terminie');
    expect(text).toContain('Postanowiliśmy nie rozpatrywać sprzeciwu, ponieważ wpłynął po terminie.');
  });
});
