import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../platform/i18n/format.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { refundLetter, renderRefundLetter, type RefundLetterInput } from './refund-letter.js';

const input: RefundLetterInput = {
  offence: 'S31A',
  language: 'pl',
  caseReference: 'CEC-2026-000321',
  decisionDate: '2026-07-02',
  recipient: { name: 'Trans-Pol Sp. z o.o.', addressLines: ['ul. Długa 5', '90-001 Łódź', 'Poland'] },
  role: 'owner',
  incident: { date: '2026-03-10', place: 'Coquelles (Eurotunnel, juxtaposed control)', vehicle: { registration: 'WGM 4521K', country: 'PL' } },
  amountInForcePence: 120_000,
  paidPence: 150_000,
  refundPence: 30_000,
  reasons: 'The penalty was reduced on objection after it had been paid in full.',
  contact: { email: 'penalty-team@cordon.invalid' },
};

describe('the refund letter', () => {
  it('says in English what was paid, what is owed, the refund and the reasons, with its form code', async () => {
    const text = flattened((await extractPdf(await renderRefundLetter({ ...input, language: 'en' }))).text);
    expect(text).toContain('Refund of an overpayment');
    expect(text).toContain('Form REFUND');
    expect(text).toContain(`You have paid ${formatMoney('en', 150_000)} towards this penalty, which is now ${formatMoney('en', 120_000)}. That is ${formatMoney('en', 30_000)} more than you owe.`);
    expect(text).toContain(`We have decided to refund ${formatMoney('en', 30_000)} to you.`);
    expect(text).toContain('The penalty was reduced on objection after it had been paid in full.');
    expect(text).toContain('CEC-2026-000321');
  });

  it('follows with the letter in the recipient’s language, characters intact', async () => {
    const text = flattened((await extractPdf(await renderRefundLetter(input))).text);
    expect(text).toContain('Zwrot nadpłaty');
    expect(text).toContain(`Zdecydowaliśmy o zwrocie kwoty ${formatMoney('pl', 30_000)}.`.replace(/\s+/g, ' '));
    expect(text).toContain('ul. Długa 5');
  });

  it('refuses to print a refund that the sums do not bear out', () => {
    expect(() => refundLetter({ ...input, refundPence: 40_000 }, 'en')).toThrow(/more than the 30000 pence overpaid/);
    expect(() => refundLetter({ ...input, refundPence: 0 }, 'en')).toThrow(/nothing to refund/);
    expect(() => refundLetter({ ...input, reasons: ' ' }, 'en')).toThrow(/reasons/);
  });
});
