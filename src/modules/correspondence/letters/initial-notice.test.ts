import { describe, expect, it } from 'vitest';
import { requirementName } from '../../../domain/incident/security-requirements.js';
import { t } from '../../../platform/i18n/messages.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { renderInitialNotice } from './initial-notice.js';
import { anInitialNotice } from './letter-factories.js';
import { initialNoticeQuestions } from './questionnaire.js';

async function versions(pdf: Buffer): Promise<{ english: string; translation: string }> {
  const { pages } = await extractPdf(pdf);
  const start = pages.findIndex((page, index) => index > 0 && !/Page \d+ of/.test(page));
  return { english: flattened(pages.slice(0, start).join('\n')), translation: flattened(pages.slice(start).join('\n')) };
}

describe('renderInitialNotice', () => {
  it('prints IS11E for S31A and IS11D for S32', async () => {
    const s31a = flattened((await extractPdf(await renderInitialNotice(anInitialNotice({ language: 'en', offence: 'S31A' })))).text);
    const s32 = flattened((await extractPdf(await renderInitialNotice(anInitialNotice({ language: 'en', offence: 'S32' })))).text);
    expect(s31a).toContain('Form IS11E');
    expect(s31a).toContain('section 31A of the Immigration and Asylum Act 1999');
    expect(s32).toContain('Form IS11D');
    expect(s32).toContain('section 32 of the Immigration and Asylum Act 1999');
  });

  it('gives the reasons — the requirements not met — and what a standard check covers when a check was missed', async () => {
    const input = anInitialNotice({ requirementsNotMet: ['check-after-stops', 'seal-numbers-recorded'], officerFindings: ['Hinge bolts on the rear door removed.'] });
    const { english, translation } = await versions(await renderInitialNotice(input));
    expect(english).toContain('The officers recorded that these security requirements were not met: • Standard check of the vehicle after every stop • Every seal number recorded before the journey');
    expect(english).toContain('A standard check of the vehicle covers: • Doors and other means of entry secured, and the load secured');
    expect(english).toContain('What the officers recorded: • Hinge bolts on the rear door removed.');
    expect(translation).toContain(`${requirementName('check-after-stops', 'pl')} • ${requirementName('seal-numbers-recorded', 'pl')}`);
    expect(translation).toContain('Standardowa kontrola pojazdu obejmuje:');
    expect(translation).toContain('Co odnotowali funkcjonariusze (w języku angielskim): • Hinge bolts on the rear door removed.');

    const noCheck = await versions(await renderInitialNotice(anInitialNotice({ requirementsNotMet: ['tir-cords-working'] })));
    expect(noCheck.english).not.toContain('A standard check of the vehicle covers');
  });

  it('lists the questionnaire questions for the recipient, numbered, and the response deadline', async () => {
    const input = anInitialNotice({ offence: 'S32', role: 'owner', recipientKind: 'company', language: 'ro' });
    const { english, translation } = await versions(await renderInitialNotice(input));
    const questions = initialNoticeQuestions('S32', 'owner', 'company');
    questions.forEach((question, index) => {
      expect(english).toContain(`${index + 1}. ${t('en', `question.${question}`)}`);
      expect(translation).toContain(`${index + 1}. ${t('ro', `question.${question}`)}`);
    });
    expect(english).toContain('We must receive your reply by 17 April 2026.');
    expect(translation).toContain('Răspunsul dumneavoastră trebuie să ajungă la noi până la data de 17 aprilie 2026.');
  });

  it('renders Bulgarian with its Cyrillic intact', async () => {
    const { translation } = await versions(
      await renderInitialNotice(anInitialNotice({ language: 'bg', recipient: { name: 'Георги Иванов', addressLines: ['ул. „Витоша“ 15', '1000 София'] } })),
    );
    expect(translation).toContain('Уведомление за отговорност за гражданска санкция');
    expect(translation).toContain('Георги Иванов ул. „Витоша“ 15 1000 София');
    expect(translation).toContain('Стандартна проверка на превозното средство след всяко спиране');
  });
});

describe('initialNoticeQuestions', () => {
  it('asks a driver about the checks, stops and employer, and an owner about instructions, records and accreditation', () => {
    const driver = initialNoticeQuestions('S31A', 'driver', 'individual');
    const owner = initialNoticeQuestions('S31A', 'owner', 'company');
    expect(driver).toEqual(expect.arrayContaining(['employer', 'checks', 'stops', 'suspicion', 'meansIndividual']));
    expect(driver).not.toContain('cpas');
    expect(owner).toEqual(expect.arrayContaining(['driverInstructions', 'records', 'cpas', 'meansCompany']));
    expect(owner).not.toContain('checks');
  });

  it('asks about duress only for S32, where it is the statutory defence', () => {
    expect(initialNoticeQuestions('S32', 'driver', 'individual')).toContain('duress');
    expect(initialNoticeQuestions('S31A', 'driver', 'individual')).not.toContain('duress');
  });

  it('starts with who was responsible and ends by asking for anything else', () => {
    const questions = initialNoticeQuestions('S32', 'hirer', 'company');
    expect(questions[0]).toBe('responsiblePersons');
    expect(questions.at(-1)).toBe('anythingElse');
  });
});
