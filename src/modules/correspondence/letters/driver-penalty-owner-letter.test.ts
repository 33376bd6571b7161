import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { driverPenaltyOwnerLetter, renderDriverPenaltyOwnerLetter, type DriverPenaltyOwnerLetterInput } from './driver-penalty-owner-letter.js';

const input: DriverPenaltyOwnerLetterInput = {
  news: 'imposed',
  offence: 'S31A',
  language: 'pl',
  caseReference: 'CEC-2026-000321',
  paymentReference: 'CEC-2026-000321-D',
  letterDate: '2026-05-01',
  recipient: { name: 'Trans-Pol Sp. z o.o.', addressLines: ['ul. Długa 5', '90-001 Łódź', 'Poland'] },
  driverName: 'Piotr Kowalski',
  incident: { date: '2026-03-10', place: 'Coquelles (Eurotunnel, juxtaposed control)', vehicle: { registration: 'WGM 4521K', country: 'PL' } },
  amountPence: 150_000,
  outstandingPence: 150_000,
  paymentDue: '2026-06-30',
  contact: { email: 'cecps@example.gov.uk' },
};

const text = async (more: Partial<DriverPenaltyOwnerLetterInput>) => flattened((await extractPdf(await renderDriverPenaltyOwnerLetter({ ...input, ...more }))).text);

describe('the letter telling the owner about its driver’s penalty', () => {
  it('tells the owner of the imposition, that it is jointly liable, how to pay and what happens if nobody pays', async () => {
    const letter = await text({ language: 'en' });
    expect(letter).toContain('Your driver’s penalty');
    expect(letter).toContain('Form JSL');
    expect(letter).toContain(`A penalty of ${formatMoney('en', 150_000)} was imposed on your driver, Piotr Kowalski, on ${formatDate('en', '2026-05-01')}.`);
    expect(letter).toContain('You are jointly and severally liable for this penalty with Piotr Kowalski');
    expect(letter).toContain('Quote the reference CEC-2026-000321-D with the payment.');
    expect(letter).toContain('Vehicle Action List');
    expect(letter).toContain(formatDate('en', '2026-06-30'));
  });

  it('tells the owner when the driver’s penalty is paid, and that nothing more is owed', async () => {
    const letter = await text({ language: 'en', news: 'paid', outstandingPence: 0 });
    expect(letter).toContain('The penalty given to your driver, Piotr Kowalski, has been paid in full.');
    expect(letter).toContain('Nothing more is owed on this penalty, by the driver or by you.');
    expect(letter).not.toContain('Vehicle Action List');
  });

  it('tells the owner when it is overdue, with what is still owed', async () => {
    const letter = await text({ language: 'en', news: 'overdue', outstandingPence: 50_000 });
    expect(letter).toContain(`was due on ${formatDate('en', '2026-06-30')} and ${formatMoney('en', 50_000)} is still unpaid.`);
  });

  it('follows with the owner’s language', async () => {
    const letter = await text({});
    expect(letter).toContain('Kara nałożona na Państwa kierowcę');
    expect(letter).toContain('ul. Długa 5');
  });

  it('refuses to say a penalty with money owed is paid, or one with nothing owed is overdue', () => {
    expect(() => driverPenaltyOwnerLetter({ ...input, news: 'paid' }, 'en')).toThrow(/is not paid/);
    expect(() => driverPenaltyOwnerLetter({ ...input, news: 'overdue', outstandingPence: 0 }, 'en')).toThrow(/nothing is overdue/);
  });
});
