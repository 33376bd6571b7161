import { foldedWords } from './folding.js';
import type { CyrillicSystem } from './transliteration.js';

export interface LegalForm {
  /** Canonical code: the designator in capitals without punctuation. */
  readonly code: string;
  /** How the designator is usually written. */
  readonly label: string;
  /** ISO 3166 codes of the countries where the designator is used. */
  readonly countries: readonly string[];
  /** Spellings seen in the wild, including the words it abbreviates. */
  readonly variants: readonly string[];
  /**
   * Also written before another designator (Romanian "S.C. ... S.R.L."): stripped from the name,
   * but reported only when the name holds no other designator.
   */
  readonly generic?: boolean;
}

const form = (
  code: string,
  label: string,
  countries: readonly string[],
  variants: readonly string[],
  generic = false,
): LegalForm => ({ code, label, countries, variants: [label, code, ...variants], generic });

// Sources: EU e-Justice portal "business registers" pages, the ISO 20275 Entity Legal Forms
// list (GLEIF) and the national registers. The letters, not the legal meaning, make a code:
// Czech a.s., Norwegian AS and Danish A/S are one code, told apart by the party's country.
export const LEGAL_FORMS: readonly LegalForm[] = [
  // Poland
  form('SP-ZOO', 'Sp. z o.o.', ['PL'], ['spółka z o.o.', 'spółka z ograniczoną odpowiedzialnością', 'sp. z ogr. odp.']),
  form('SP-ZOO-SPK', 'Sp. z o.o. Sp.k.', ['PL'], ['sp. z o.o. sp. komandytowa', 'sp. z o.o. spółka komandytowa', 'spółka z ograniczoną odpowiedzialnością spółka komandytowa']),
  form('SPJ', 'Sp.j.', ['PL'], ['spółka jawna']),
  form('SPK', 'Sp.k.', ['PL'], ['spółka komandytowa']),
  form('SKA', 'S.K.A.', ['PL'], ['spółka komandytowo-akcyjna']),
  form('SPP', 'Sp.p.', ['PL'], ['spółka partnerska']),
  // Used across Europe
  form('SA', 'S.A.', ['PL', 'RO', 'FR', 'ES', 'PT', 'BE', 'LU', 'CH', 'MD'], ['spółka akcyjna', 'société anonyme', 'sociedad anónima', 'sociedade anónima', 'societate pe acțiuni']),
  form('SE', 'SE', ['EU'], ['Societas Europaea']),
  // Romania and Moldova (Italian S.r.l. has the same letters)
  form('SRL', 'S.R.L.', ['RO', 'MD', 'IT', 'BE'], ['societate cu răspundere limitată', 'società a responsabilità limitata']),
  form('SC', 'S.C.', ['RO', 'PL'], ['societate comercială', 'spółka cywilna'], true),
  form('PFA', 'P.F.A.', ['RO'], ['persoană fizică autorizată']),
  form('II', 'I.I.', ['RO', 'MD', 'LT'], ['întreprindere individuală', 'IĮ', 'individuali įmonė']),
  // Germany, Austria, Switzerland
  form('GMBH', 'GmbH', ['DE', 'AT', 'CH'], ['Gesellschaft mit beschränkter Haftung', 'Ges.m.b.H.', 'Ges. mbH']),
  form('GMBH-CO-KG', 'GmbH & Co. KG', ['DE', 'AT'], ['GmbH und Co. KG', 'GmbH u. Co. KG', 'GmbH + Co. KG']),
  form('AG', 'AG', ['DE', 'AT', 'CH'], ['Aktiengesellschaft']),
  form('KG', 'KG', ['DE', 'AT'], ['Kommanditgesellschaft']),
  form('KGAA', 'KGaA', ['DE'], ['Kommanditgesellschaft auf Aktien']),
  form('OHG', 'OHG', ['DE'], ['offene Handelsgesellschaft']),
  form('EK', 'e.K.', ['DE'], ['e.Kfm.', 'e.Kfr.', 'eingetragener Kaufmann', 'eingetragene Kauffrau']),
  form('UG', 'UG (haftungsbeschränkt)', ['DE'], ['UG haftungsbeschraenkt']),
  // United Kingdom, Ireland, North America
  form('LTD', 'Ltd', ['GB', 'IE', 'CY', 'MT'], ['Limited', 'Co. Ltd', 'Co., Ltd.', 'Company Limited', 'Co. Limited']),
  form('PLC', 'PLC', ['GB', 'IE'], ['public limited company']),
  form('LLP', 'LLP', ['GB', 'US'], ['limited liability partnership']),
  form('LLC', 'LLC', ['US'], ['L.L.C.', 'limited liability company']),
  form('INC', 'Inc.', ['US', 'CA'], ['Incorporated']),
  form('CORP', 'Corp.', ['US', 'CA'], ['Corporation']),
  // Bulgaria (АД also Serbia and North Macedonia)
  form('EOOD', 'ЕООД', ['BG'], ['еднолично дружество с ограничена отговорност']),
  form('OOD', 'ООД', ['BG'], ['дружество с ограничена отговорност']),
  form('EAD', 'ЕАД', ['BG'], ['еднолично акционерно дружество']),
  form('AD', 'АД', ['BG', 'RS', 'MK'], ['акционерно дружество', 'akcionarsko društvo', 'a.d.']),
  form('ET', 'ЕТ', ['BG'], ['едноличен търговец']),
  form('SD', 'СД', ['BG'], ['събирателно дружество']),
  form('KD', 'КД', ['BG', 'HR', 'SI'], ['командитно дружество', 'k.d.', 'komanditno društvo', 'komanditna družba']),
  // Baltic states
  form('UAB', 'UAB', ['LT'], ['uždaroji akcinė bendrovė']),
  form('AB', 'AB', ['LT', 'SE'], ['akcinė bendrovė', 'aktiebolag']),
  form('MB', 'MB', ['LT'], ['mažoji bendrija']),
  form('SIA', 'SIA', ['LV'], ['sabiedrība ar ierobežotu atbildību']),
  form('IK', 'IK', ['LV'], ['individuālais komersants']),
  form('OU', 'OÜ', ['EE'], ['osaühing']),
  form('FIE', 'FIE', ['EE'], ['füüsilisest isikust ettevõtja']),
  form('AS', 'AS', ['EE', 'LV', 'NO', 'DK', 'CZ', 'SK', 'TR'], ['A/S', 'a.s.', 'A.Ş.', 'aktsiaselts', 'akciju sabiedrība', 'aksjeselskap', 'aktieselskab', 'akciová společnost', 'akciová spoločnosť', 'anonim şirketi']),
  // Czech Republic and Slovakia
  form('SRO', 's.r.o.', ['CZ', 'SK'], ['spol. s r.o.', 'společnost s ručením omezeným', 'spoločnosť s ručením obmedzeným']),
  form('VOS', 'v.o.s.', ['CZ', 'SK'], ['veřejná obchodní společnost', 'verejná obchodná spoločnosť']),
  // Hungary
  form('KFT', 'Kft.', ['HU'], ['korlátolt felelősségű társaság']),
  form('ZRT', 'Zrt.', ['HU'], ['zártkörűen működő részvénytársaság']),
  form('NYRT', 'Nyrt.', ['HU'], ['nyilvánosan működő részvénytársaság']),
  form('BT', 'Bt.', ['HU'], ['betéti társaság']),
  form('KKT', 'Kkt.', ['HU'], ['közkereseti társaság']),
  // Benelux
  form('BV', 'B.V.', ['NL', 'BE'], ['besloten vennootschap']),
  form('NV', 'N.V.', ['NL', 'BE'], ['naamloze vennootschap']),
  form('VOF', 'V.O.F.', ['NL'], ['vennootschap onder firma']),
  form('BVBA', 'BVBA', ['BE'], ['besloten vennootschap met beperkte aansprakelijkheid']),
  form('SPRL', 'SPRL', ['BE'], ['société privée à responsabilité limitée']),
  // France, Italy, Spain, Portugal (French SAS and Italian S.a.s. share their letters)
  form('SARL', 'SARL', ['FR', 'LU'], ['S.à r.l.', 'société à responsabilité limitée']),
  form('SAS', 'SAS', ['FR', 'IT'], ['société par actions simplifiée', 'società in accomandita semplice']),
  form('SASU', 'SASU', ['FR'], ['société par actions simplifiée unipersonnelle']),
  form('EURL', 'EURL', ['FR'], ['entreprise unipersonnelle à responsabilité limitée']),
  form('SNC', 'SNC', ['FR', 'IT'], ['société en nom collectif', 'società in nome collettivo']),
  form('SPA', 'S.p.A.', ['IT'], ['società per azioni']),
  form('SRLS', 'S.r.l.s.', ['IT'], ['società a responsabilità limitata semplificata']),
  form('SL', 'S.L.', ['ES'], ['sociedad limitada', 'sociedad de responsabilidad limitada']),
  form('SLU', 'S.L.U.', ['ES'], ['sociedad limitada unipersonal']),
  form('LDA', 'Lda.', ['PT'], ['Limitada', 'sociedade por quotas']),
  form('UNIPESSOAL-LDA', 'Unipessoal Lda.', ['PT'], ['Unipessoal', 'sociedade unipessoal por quotas']),
  // Former Yugoslavia
  form('DOO', 'd.o.o.', ['SI', 'HR', 'RS', 'BA', 'ME'], ['д.о.о.', 'društvo s ograničenom odgovornošću', 'društvo sa ograničenom odgovornošću', 'друштво са ограниченом одговорношћу', 'družba z omejeno odgovornostjo']),
  form('DD', 'd.d.', ['HR', 'SI', 'BA'], ['dioničko društvo', 'delniška družba']),
  form('SP', 's.p.', ['SI'], ['samostojni podjetnik']),
  form('DOOEL', 'DOOEL', ['MK'], ['ДООЕЛ', 'д.о.о.е.л.', 'd.o.o.e.l.', 'друштво со ограничена одговорност на едно лице']),
  // Nordic countries
  form('OY', 'Oy', ['FI'], ['osakeyhtiö']),
  form('OYJ', 'Oyj', ['FI'], ['julkinen osakeyhtiö']),
  form('KY', 'Ky', ['FI'], ['kommandiittiyhtiö']),
  form('APS', 'ApS', ['DK'], ['anpartsselskab']),
  form('ASA', 'ASA', ['NO'], ['allmennaksjeselskap']),
  form('HB', 'HB', ['SE'], ['handelsbolag']),
  form('KB', 'KB', ['SE'], ['kommanditbolag']),
  // Ukraine
  form('TOV', 'ТОВ', ['UA'], ['ТзОВ', 'товариство з обмеженою відповідальністю']),
  form('PP', 'ПП', ['UA'], ['приватне підприємство']),
  form('FOP', 'ФОП', ['UA'], ['фізична особа-підприємець']),
  form('PRAT', 'ПрАТ', ['UA'], ['приватне акціонерне товариство']),
  form('PAT', 'ПАТ', ['UA'], ['публічне акціонерне товариство']),
  // Russia, Belarus, Kazakhstan
  form('OOO', 'ООО', ['RU', 'BY', 'KZ'], ['общество с ограниченной ответственностью']),
  form('ZAO', 'ЗАО', ['RU', 'BY'], ['закрытое акционерное общество']),
  form('OAO', 'ОАО', ['RU', 'BY'], ['открытое акционерное общество']),
  form('PAO', 'ПАО', ['RU'], ['публичное акционерное общество']),
  form('AO', 'АО', ['RU', 'KZ'], ['акционерное общество']),
  form('IP', 'ИП', ['RU', 'BY', 'KZ'], ['индивидуальный предприниматель']),
  // Greece
  form('AE', 'Α.Ε.', ['GR'], ['ανώνυμη εταιρεία', 'A.E.']),
  form('EPE', 'Ε.Π.Ε.', ['GR'], ['εταιρεία περιορισμένης ευθύνης', 'E.P.E.']),
  form('IKE', 'Ι.Κ.Ε.', ['GR'], ['ιδιωτική κεφαλαιουχική εταιρεία', 'I.K.E.']),
  form('OE', 'Ο.Ε.', ['GR'], ['ομόρρυθμη εταιρεία']),
  form('EE', 'Ε.Ε.', ['GR'], ['ετερόρρυθμη εταιρεία']),
  // Turkey
  form('LTD-STI', 'Ltd. Şti.', ['TR'], ['Limited Şirketi', 'San. ve Tic. Ltd. Şti.', 'San. Tic. Ltd. Şti.']),
];

const CYRILLIC_SYSTEMS: readonly CyrillicSystem[] = ['bg', 'uk', 'ru', 'sr', 'mk'];

/**
 * Every spelling of every form, folded and with its spaces removed, so "Sp. z o.o.", "SP ZOO",
 * "sp.z.o.o." all become "spzoo". A Cyrillic spelling is registered under every national
 * system, because the system is chosen from the whole name it appears in.
 */
export function legalFormSpellings(legalForm: LegalForm): Set<string> {
  const spellings = new Set<string>();
  for (const variant of legalForm.variants) {
    for (const cyrillicSystem of CYRILLIC_SYSTEMS) {
      spellings.add(foldedWords(variant, { cyrillicSystem }).join(''));
    }
  }
  return spellings;
}

const BY_SPELLING: ReadonlyMap<string, LegalForm> = new Map(
  LEGAL_FORMS.flatMap((legalForm) =>
    [...legalFormSpellings(legalForm)].map((spelling) => [spelling, legalForm] as const),
  ),
);
const LONGEST_SPELLING = Math.max(...[...BY_SPELLING.keys()].map((spelling) => spelling.length));

/**
 * Forms written before the name as well as after it: Baltic (UAB Vežėjas, SIA, OÜ), Ukrainian
 * and Russian (ТОВ «Гарант», ООО), Bulgarian ЕТ, Romanian PFA and II, French SARL and SAS,
 * Finnish Oy, Swedish AB. Any other designator is looked for at the end only, so initials at the
 * front that happen to spell one ("A.G. Transport", "UAB „N.V. Vežėjas“") stay in the name.
 */
export const FRONT_LEGAL_FORMS: ReadonlySet<string> = new Set([
  'UAB', 'AB', 'MB', 'II', 'SIA', 'AS', 'IK', 'OU', 'TOV', 'PP', 'FOP', 'PRAT', 'PAT', 'OOO',
  'ZAO', 'OAO', 'PAO', 'AO', 'IP', 'ET', 'PFA', 'SARL', 'SAS', 'SASU', 'EURL', 'OY',
]);

export interface LegalFormSplit {
  /** Index of the first word of the name proper. */
  readonly start: number;
  /** Index after the last word of the name proper. */
  readonly end: number;
  /** The form reported for the name, or null. */
  readonly legalForm: LegalForm | null;
}

/**
 * Finds legal-form designators at the end and at the start of a folded name's words, repeatedly
 * (so "S.C. Trans S.R.L." loses both), preferring the longest spelling, never taking the last
 * word of the name nor cutting a run of single letters. At the start only generic forms and
 * FRONT_LEGAL_FORMS are taken. A designator at the end is reported before one at the start.
 */
export function splitLegalForm(words: readonly string[]): LegalFormSplit {
  let start = 0;
  let end = words.length;
  const found: LegalForm[] = [];
  for (;;) {
    const atEnd = longestDesignator(words, start, end, 'end');
    if (atEnd !== null) {
      end -= atEnd.wordCount;
      found.push(atEnd.legalForm);
      continue;
    }
    const atStart = longestDesignator(words, start, end, 'start');
    if (atStart === null || !writtenInFront(atStart.legalForm)) break;
    start += atStart.wordCount;
    found.push(atStart.legalForm);
  }
  const legalForm = found.find((f) => f.generic !== true) ?? found[0] ?? null;
  return { start, end, legalForm };
}

const writtenInFront = (legalForm: LegalForm): boolean =>
  legalForm.generic === true || FRONT_LEGAL_FORMS.has(legalForm.code);

function longestDesignator(
  words: readonly string[],
  start: number,
  end: number,
  side: 'start' | 'end',
): { legalForm: LegalForm; wordCount: number } | null {
  let best: { legalForm: LegalForm; wordCount: number } | null = null;
  let spelling = '';
  for (let wordCount = 1; wordCount < end - start; wordCount++) {
    const word = words[side === 'end' ? end - wordCount : start + wordCount - 1] ?? '';
    spelling = side === 'end' ? word + spelling : spelling + word;
    if (spelling.length > LONGEST_SPELLING) break;
    const legalForm = BY_SPELLING.get(spelling);
    const edge = side === 'end' ? end - wordCount : start + wordCount - 1;
    const neighbour = side === 'end' ? edge - 1 : edge + 1;
    if (legalForm !== undefined && !splitsSingleLetters(words[edge], words[neighbour])) {
      best = { legalForm, wordCount };
    }
  }
  return best;
}

// "A B C S A" may be initials and S.A., or five initials: a designator may not cut a run of
// single letters in two.
const splitsSingleLetters = (edge: string | undefined, neighbour: string | undefined): boolean =>
  isSingleLetter(edge) && isSingleLetter(neighbour);

export const isSingleLetter = (word: string | undefined): boolean =>
  word !== undefined && /^\p{L}$/u.test(word);

export function legalFormByCode(code: string): LegalForm | undefined {
  return LEGAL_FORMS.find((legalForm) => legalForm.code === code);
}
