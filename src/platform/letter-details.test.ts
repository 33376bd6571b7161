import { describe, expect, it } from 'vitest';
import { LETTER_DETAIL_DEFAULTS, letterDetailsProblem, loadConfig, loadLetterDetails } from './config.js';

const REAL = {
  CORDON_LETTERS_EMAIL: 'cecpt@homeoffice.gov.uk',
  CORDON_LETTERS_PHONE: '0300 123 4567',
  CORDON_LETTERS_POSTAL_ADDRESS: 'Civil Penalty Team | 2 Marsham Street | London SW1P 4DF',
  CORDON_BANK_ACCOUNT_NAME: 'Home Office Civil Penalties',
  CORDON_BANK_SORT_CODE: '12-34-56',
  CORDON_BANK_ACCOUNT_NUMBER: '87654321',
  CORDON_BANK_IBAN: 'GB12 ABCD 1234 5687 6543 21',
  CORDON_BANK_BIC: 'ABCDGB2L',
};

describe("the letters' contact, bank and payment details", () => {
  it('come from the environment, the postal address in lines', () => {
    const details = loadLetterDetails({ ...REAL, CORDON_PAYMENT_URL: 'https://www.gov.uk/payments/home-office/pay-a-civil-penalty' });
    expect(details.contact).toEqual({ email: REAL.CORDON_LETTERS_EMAIL, phone: REAL.CORDON_LETTERS_PHONE, postalAddress: ['Civil Penalty Team', '2 Marsham Street', 'London SW1P 4DF'] });
    expect(details.bank).toEqual({ accountName: REAL.CORDON_BANK_ACCOUNT_NAME, sortCode: '12-34-56', accountNumber: '87654321', iban: REAL.CORDON_BANK_IBAN, bic: 'ABCDGB2L' });
    expect(details.paymentUrl).toBe('https://www.gov.uk/payments/home-office/pay-a-civil-penalty');
    expect(details.placeholders).toEqual([]);
    expect(letterDetailsProblem(details, true)).toBeNull();
  });

  it('default locally to details that say they are not real, and no payment link at all', () => {
    const details = loadLetterDetails({});
    expect(details.bank.accountName).toMatch(/NOT A REAL ACCOUNT/);
    expect(details.contact.email).toMatch(/\.invalid$/);
    expect(details.contact.postalAddress.join(' ')).toMatch(/NOT A REAL ADDRESS/);
    expect(details.paymentUrl).toBeUndefined();
    expect(details.placeholders).toEqual(Object.keys(LETTER_DETAIL_DEFAULTS));
    expect(letterDetailsProblem(details, false)).toBeNull();
  });

  it('refuse production while any detail is a placeholder, naming it', () => {
    const { CORDON_BANK_ACCOUNT_NUMBER: _unset, ...rest } = REAL;
    const problem = letterDetailsProblem(loadLetterDetails(rest), true);
    expect(problem).toContain('CORDON_BANK_ACCOUNT_NUMBER');
    expect(problem).not.toContain('CORDON_BANK_SORT_CODE');
    expect(letterDetailsProblem(loadLetterDetails({ ...REAL, CORDON_BANK_SORT_CODE: LETTER_DETAIL_DEFAULTS.CORDON_BANK_SORT_CODE }), true)).toContain('CORDON_BANK_SORT_CODE');
  });

  it('refuse a malformed sort code, account number or payment link at start-up', () => {
    expect(() => loadConfig({ CORDON_BANK_SORT_CODE: '123456' })).toThrow(/CORDON_BANK_SORT_CODE must look like 12-34-56/);
    expect(() => loadConfig({ CORDON_BANK_ACCOUNT_NUMBER: '1234' })).toThrow(/8 digits/);
    expect(() => loadConfig({ CORDON_PAYMENT_URL: 'http://pay.example' })).toThrow(/https/);
    expect(() => loadConfig({ CORDON_PAYMENT_URL: 'pay here' })).toThrow(/full https address/);
  });
});
