import { describe, expect, it } from 'vitest';
import { REQUIREMENT_LANGUAGES, SECURITY_REQUIREMENT_CODES, requirementName } from '../../domain/incident/security-requirements.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';
import { renderDriverNotice, type DriverNoticeInput } from './driver-notice.js';

function aDriverNotice(overrides: Partial<DriverNoticeInput> = {}): DriverNoticeInput {
  return {
    language: 'pl',
    caseReference: 'CEC-2026-000123',
    givenOn: '2026-03-10',
    officer: 'BF 40213',
    driver: { name: 'Łukasz Żółkiewski' },
    offences: ['S31A'],
    incident: {
      date: '2026-03-10',
      place: 'Coquelles (Eurotunnel, juxtaposed control)',
      vehicle: { registration: 'WGM 12345', country: 'PL' },
      trailer: { registration: 'WGM 6789P', country: 'PL' },
    },
    requirementsNotMet: ['check-after-stops', 'seals-unique-numbers'],
    noticeOfLiabilityBy: '2026-08-07',
    contact: { email: 'cecps@example.gov.uk', phone: '+44 300 123 4567' },
    ...overrides,
  };
}

describe('renderDriverNotice', () => {
  it('lists the requirements not met by name, in English and in the driver’s language, and no others', async () => {
    const { pages } = await extractPdf(await renderDriverNotice(aDriverNotice()));
    const [english, polish] = pages.map(flattened);
    expect(english).toContain('These security requirements were not met: • Seals fitted, each with a number unique among the vehicle’s seals • Standard check of the vehicle after every stop');
    expect(polish).toContain(
      'Nie spełniono następujących wymogów bezpieczeństwa: • Założone plomby, każda z numerem niepowtarzającym się wśród plomb pojazdu • Standardowa kontrola pojazdu po każdym postoju',
    );
    expect(english).not.toContain(requirementName('tir-cords-working', 'en'));
    expect(polish).not.toContain(requirementName('tir-cords-working', 'pl'));
  });

  it('says that a penalty may follow and by when the notice of liability will arrive, with the incident, vehicle and case', async () => {
    const { pages } = await extractPdf(await renderDriverNotice(aDriverNotice()));
    const [english, polish] = pages.map(flattened);
    for (const text of [english, polish]) {
      expect(text).toContain('CEC-2026-000123');
      expect(text).toContain('Coquelles (Eurotunnel, juxtaposed control)');
      expect(text).toContain('Łukasz Żółkiewski');
    }
    expect(english).toContain('Notice to the driver: a civil penalty may follow');
    expect(english).toContain('it will send you a notice of liability by 7 August 2026');
    expect(english).toContain('Date of incident 10 March 2026');
    expect(english).toContain('Vehicle WGM 12345 (Poland)');
    expect(english).toContain('Trailer WGM 6789P (Poland)');
    expect(polish).toContain('Zawiadomienie dla kierowcy: może zostać nałożona kara cywilna');
    expect(polish).toContain('zawiadomienie o odpowiedzialności do dnia 7 sierpnia 2026');
    expect(polish).toContain('Data zdarzenia 10 marca 2026');
    expect(polish).toContain('Pojazd WGM 12345 (Polska)');
  });

  it('says why: people found (S32), the vehicle not secured (S31A), or both', async () => {
    const s31a = flattened((await extractPdf(await renderDriverNotice(aDriverNotice({ offences: ['S31A'] })))).text);
    expect(s31a).toContain('The vehicle was not adequately secured against people getting into it.');
    expect(s31a).not.toContain('People were found hidden');
    const both = flattened((await extractPdf(await renderDriverNotice(aDriverNotice({ offences: ['S32', 'S31A'], language: 'bg' })))).text);
    expect(both).toContain('People were found hidden in or on the vehicle (clandestine entrants).');
    expect(both).toContain('Във или върху превозното средство бяха открити укрити лица (нелегално влезли лица).');
  });

  it('says the notice of liability will name the requirements when the officers recorded none', async () => {
    const text = flattened((await extractPdf(await renderDriverNotice(aDriverNotice({ requirementsNotMet: [] })))).text);
    expect(text).toContain('The notice of liability will say which security requirements were not met.');
    expect(text).not.toContain('These security requirements were not met');
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'fits on one page in English and one in %s, even with every requirement not met and both offences',
    async (language) => {
      const { pages } = await extractPdf(
        await renderDriverNotice(aDriverNotice({ language, offences: ['S32', 'S31A'], requirementsNotMet: SECURITY_REQUIREMENT_CODES })),
      );
      expect(pages).toHaveLength(2);
      expect(pages[0]).toContain('Page 1 of 1');
      for (const code of SECURITY_REQUIREMENT_CODES) expect(flattened(pages[1] ?? '')).toContain(requirementName(code, language));
    },
  );

  it('is one English page for a driver who reads English', async () => {
    const { pages, text } = await extractPdf(await renderDriverNotice(aDriverNotice({ language: 'en' })));
    expect(pages).toHaveLength(1);
    expect(text).not.toContain('translation');
  });

  it('has requirement names in exactly the languages letters are written in', () => {
    expect([...REQUIREMENT_LANGUAGES].sort()).toEqual([...LANGUAGES].sort());
  });
});
