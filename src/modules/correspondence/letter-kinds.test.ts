import { describe, expect, it } from 'vitest';
import { liabilityAt } from '../../domain/liability/liability-factories.js';
import { WRITE_OFF_REASONS, type WriteOffReason } from '../../domain/liability/actions.js';
import { LETTER_KINDS, WRITE_OFF_LETTER_DUE } from './letter-kinds.js';
import { letterEmail } from './letter-email.js';

describe('the registry of letter kinds', () => {
  it('has one letter for each event it covers: instalment plan agreed, late objection refused, write-off approved', () => {
    expect(LETTER_KINDS.map((kind) => kind.on)).toEqual(['InstalmentPlanAgreed', 'LateObjectionRefused', 'WriteOffApproved']);
  });

  it('writes to a person about a write-off only when the deadline was missed after they were sent an initial notice', () => {
    const noticeSent = liabilityAt('initial-notice-sent').state;
    const neverTold = liabilityAt('case-created').state;
    const imposed = liabilityAt('overdue').state;
    expect(WRITE_OFF_LETTER_DUE['deadline-missed'](noticeSent)).toBe(true);
    expect(WRITE_OFF_LETTER_DUE['deadline-missed'](neverTold)).toBe(false);
    expect(WRITE_OFF_LETTER_DUE['deadline-missed'](imposed)).toBe(false);
    // Nobody is written to about the others (a suspect is never tipped off; a debt written off is not forgiven).
    for (const reason of Object.keys(WRITE_OFF_REASONS).filter((r) => r !== 'deadline-missed') as WriteOffReason[]) {
      expect(WRITE_OFF_LETTER_DUE[reason](noticeSent), reason).toBe(false);
      expect(WRITE_OFF_LETTER_DUE[reason](imposed), reason).toBe(false);
    }
  });
});

describe('the email that carries a letter', () => {
  it('is in the recipient’s language with the English alongside', () => {
    const email = letterEmail({ language: 'pl', title: 'Payment reminder (REMINDER)' }, 'CEC-2026-000042');
    expect(email.subject).toBe('Pismo od Home Office w sprawie CEC-2026-000042 / Payment reminder (REMINDER) – A letter from the Home Office about case CEC-2026-000042');
    expect(email.body).toMatch(/^W załączeniu przesyłamy pismo w sprawie CEC-2026-000042/);
    expect(email.body).toContain('English:\nPlease find attached a letter about case CEC-2026-000042');
  });

  it('is English alone for an English-speaking recipient', () => {
    const email = letterEmail({ language: 'en', title: 'Penalty notice (IS1131A)' }, 'CEC-2026-000042');
    expect(email.subject).toBe('Penalty notice (IS1131A) – A letter from the Home Office about case CEC-2026-000042');
    expect(email.body).not.toContain('English:');
  });
});

describe('starting the service', () => {
  it('refuses production while the letters would print a placeholder bank account or address', async () => {
    const { createApp } = await import('../../app.js');
    const { loadLetterDetails } = await import('../../platform/config.js');
    const start = (letters: ReturnType<typeof loadLetterDetails>) =>
      createApp({} as never, { production: true, letters, sessionHours: 8, logLevel: 'silent', secureCookies: true, signInRateLimitPerMinute: 10, cookieSecret: 'x'.repeat(32) });
    await expect(start(loadLetterDetails({}))).rejects.toThrow(/CORDON_BANK_ACCOUNT_NAME, CORDON_BANK_SORT_CODE, CORDON_BANK_ACCOUNT_NUMBER, CORDON_BANK_IBAN, CORDON_BANK_BIC must be set/);
  });
});
