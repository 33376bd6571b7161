import { describe, expect, it } from 'vitest';
import { t } from '../../../platform/i18n/messages.js';
import { acknowledgementLetterParts, decisionLetter, decisionLetterParts, informationRequestLetter, type ApplicationLetterBase } from './accreditation-letters.js';

const base: ApplicationLetterBase = {
  language: 'pl',
  reference: 'CPAS-2026-00042',
  date: '2026-03-28',
  companyName: 'Trans-Pol Sp. z o.o.',
  contactName: 'Piotr Kowalski',
  addressLines: ['ul. Długa 5', 'Łódź'],
  postcode: '90-001',
  country: 'PL',
  receivedOn: '2026-03-12',
};

const words = (letter: ReturnType<typeof decisionLetter>) => JSON.stringify(letter.blocks);

describe('CPAS application letters', () => {
  it('gives a refusal’s reasons per evidence area, by the area’s name in the applicant’s language', () => {
    const letter = decisionLetter({ ...base, outcome: 'refused', reasons: [{ area: 'driverTraining', notes: 'No training register' }] }, 'pl');
    expect(letter.formCode).toBe('CPAS-REFUSED');
    const reasons = letter.blocks.find((b) => b.kind === 'keyValue' && b.rows.some((r) => r.value === 'No training register'));
    expect(reasons && reasons.kind === 'keyValue' ? reasons.rows.map((r) => r.key) : []).toEqual([t('pl', 'accreditation.core.area.driverTraining')]);
    expect(t('pl', 'accreditation.core.area.driverTraining')).not.toBe(t('en', 'accreditation.core.area.driverTraining'));
    expect(words(letter)).toContain('12 marca 2026');
    expect(letter.recipient.addressLines).toContain('Polska');
  });

  it('refuses to print a refusal without reasons or an acceptance without its first day', () => {
    expect(() => decisionLetter({ ...base, outcome: 'refused', reasons: [] }, 'en')).toThrow(/reasons/);
    expect(() => decisionLetter({ ...base, outcome: 'accepted' }, 'en')).toThrow(/membership starts/);
  });

  it('puts the English letter first, then the applicant’s language; the request names the areas and the due date', () => {
    const parts = decisionLetterParts({ ...base, outcome: 'accepted', memberFrom: '2026-03-28' });
    expect(parts.map((p) => p.letter.language)).toEqual(['en', 'pl']);
    expect(words(parts[0]!.letter)).toContain('from 28 March 2026');
    const request = informationRequestLetter({ ...base, areas: ['checkRecord'], message: 'Send the check sheet.', decisionDue: '2026-04-11' }, 'ro');
    expect(request.formCode).toBe('CPAS-INFO');
    expect(words(request)).toContain('Send the check sheet.');
    expect(words(request)).toContain('11 aprilie 2026');
  });

  it('acknowledges an application with its reference, access code, decision due date and where to answer, English then the applicant’s language', () => {
    const parts = acknowledgementLetterParts({ ...base, decisionDue: '2026-04-11', accessCode: 'ABCD-EFGH-JK', answerAddress: 'https://cordon.example/accreditation/answer' });
    expect(parts.map((p) => [p.letter.language, p.letter.formCode])).toEqual([
      ['en', 'CPAS-ACK'],
      ['pl', 'CPAS-ACK'],
    ]);
    const [english, polish] = parts.map((p) => words(p.letter));
    for (const text of [english!, polish!]) {
      expect(text).toContain('CPAS-2026-00042');
      expect(text).toContain('ABCD-EFGH-JK');
      expect(text).toContain('https://cordon.example/accreditation/answer');
    }
    expect(english).toContain('We will decide your application by 11 April 2026');
    expect(polish).toContain('11 kwietnia 2026');
    expect(parts[1]!.letter.recipient.addressLines).toContain('Polska');
  });
});
