import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../platform/i18n/format.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { meansDecisionLetter, renderMeansDecision, type MeansDecisionInput } from './means-decision.js';

const input: MeansDecisionInput = {
  offence: 'S32',
  language: 'pl',
  caseReference: 'CEC-2026-000412',
  decisionDate: '2026-05-02',
  recipient: { name: 'Piotr Kowalski', addressLines: ['ul. Długa 5', '90-001 Łódź', 'Poland'] },
  role: 'driver',
  incident: { date: '2026-03-10', place: 'Coquelles (Eurotunnel, juxtaposed control)', vehicle: { registration: 'WGM 4521K', country: 'PL' } },
  granted: true,
  requestedOn: '2026-04-20',
  previousAmountPence: 600_000,
  amountPence: 40_000,
  paidPence: 10_000,
  paymentDue: '2026-06-30',
  reasons: 'Three months’ payslips show gross pay of £866 a month: two weeks’ gross pay is £400.',
  contact: { email: 'cecps@example.gov.uk' },
};

const text = async (letter: MeansDecisionInput) => flattened((await extractPdf(await renderMeansDecision(letter))).text);

describe('the means decision letter', () => {
  it('says in English that the penalty is reduced, the new amount, what is left to pay, by when and how, with its form code', async () => {
    const english = await text({ ...input, language: 'en' });
    expect(english).toContain('Penalty reduced on your means');
    expect(english).toContain('Form MEANS');
    expect(english).toContain(`We have reduced the penalty to ${formatMoney('en', 40_000)}.`);
    expect(english).toContain(`Pay ${formatMoney('en', 30_000)} by 30 June 2026.`);
    expect(english).toContain('quote the reference CEC-2026-000412');
    expect(english).toContain('two weeks’ gross pay is £400');
  });

  it('says how to pay what is left, with the configured account and the person’s own payment reference', async () => {
    const payment = { reference: 'CEC-2026-000412-D', onlineUrl: 'https://pay.cordon.test/penalties', bankTransfer: { accountName: 'Home Office penalties', sortCode: '00-00-00', accountNumber: '12345678' } };
    const english = await text({ ...input, language: 'en', payment });
    expect(english).toContain('quote the reference CEC-2026-000412-D');
    expect(english).toContain('https://pay.cordon.test/penalties');
    expect(english).toContain('12345678');
    // Nothing owed: no way to pay is printed.
    expect(await text({ ...input, language: 'en', paidPence: 40_000, payment })).not.toContain('12345678');
  });

  it('follows with the letter in the recipient’s language', async () => {
    const both = await text(input);
    expect(both).toContain('Kara obniżona ze względu na Twoją sytuację finansową');
    expect(both).toContain(`Obniżyliśmy karę do ${formatMoney('pl', 40_000)}.`.replace(/\s+/g, ' '));
  });

  it('says a refused reduction leaves the penalty as it was, and asks for payment now once the due date has passed', async () => {
    const refused = await text({ ...input, language: 'en', granted: false, amountPence: 600_000, paidPence: 0, decisionDate: '2026-07-02' });
    expect(refused).toContain('Request to reduce the penalty on your means');
    expect(refused).toContain(`We have not reduced the penalty. It stays at ${formatMoney('en', 600_000)}.`);
    expect(refused).toContain(`Pay ${formatMoney('en', 600_000)} now. The payment date has passed.`);
  });

  it('says nothing more is owed when what was paid covers the reduced penalty', async () => {
    expect(await text({ ...input, language: 'en', paidPence: 50_000 })).toContain('You have nothing more to pay on this penalty.');
  });

  it('refuses to print a decision that contradicts itself', () => {
    expect(() => meansDecisionLetter({ ...input, amountPence: 700_000 }, 'en')).toThrow(/lower than the penalty/);
    expect(() => meansDecisionLetter({ ...input, granted: false }, 'en')).toThrow(/leaves the penalty as it was/);
  });
});
