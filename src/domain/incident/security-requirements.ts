import { LANGUAGES, type Language } from '../reference/languages.js';
import type { Role } from '../penalty/penalty-input.js';

/*
 * The security requirements a responsible person must meet for a goods vehicle (DOMAIN.md §4),
 * each with a stable code and its plain-English name in every letter language. Officers record
 * each as met / not met / not applicable / unknown; the list drives the S31A finding, the
 * compliance reduction, the notice given to the driver at the port and the letters that tell a
 * haulier what to fix. Codes are identifiers stored in records and sent over the API: never
 * rename one — add a new code and retire the old.
 *
 * The names in languages other than English are machine-drafted and need review by a qualified
 * translator (TRANSLATION_STATUS); they are not certified translations. Buses, coaches and other
 * vehicles have their own lists, not yet here.
 */

/**
 * The languages the names are written in: the letter languages, from the one list in
 * src/domain/reference/languages.ts.
 */
export const REQUIREMENT_LANGUAGES = LANGUAGES;
export type RequirementLanguage = Language;
/** The languages every name is drafted in today; the rest fall back to English until drafted. */
type DraftedLanguage = 'en' | 'pl' | 'ro' | 'bg' | 'lt' | 'hu' | 'cs' | 'uk' | 'tr' | 'ru';
export type Names = Readonly<Record<DraftedLanguage, string>> & Readonly<Partial<Record<Language, string>>>;

export const TRANSLATION_STATUS =
  'English names from DOMAIN.md §4; other languages machine-drafted by the Cordon team and needing review by a qualified translator. Not certified translations.';

/** Whose duty a requirement is: the owner or hirer before the journey, or the driver. */
export type RequirementHolder = 'owner-or-hirer' | 'driver';

export interface SecurityRequirement {
  code: string;
  holder: RequirementHolder;
  /** The responsible persons the requirement applies to (DOMAIN.md §1 roles). */
  appliesTo: readonly Role[];
  /** One of the three standard checks whose content is STANDARD_CHECK_POINTS. */
  standardCheck: boolean;
  names: Names;
}

const OWNER_OR_HIRER: readonly Role[] = ['owner', 'hirer'];
const DRIVER: readonly Role[] = ['driver'];

export const GOODS_VEHICLE_SECURITY_REQUIREMENTS = [
  {
    code: 'seals-unique-numbers',
    holder: 'owner-or-hirer',
    appliesTo: OWNER_OR_HIRER,
    standardCheck: false,
    names: {
      en: 'Seals fitted, each with a number unique among the vehicle’s seals',
      pl: 'Założone plomby, każda z numerem niepowtarzającym się wśród plomb pojazdu',
      ro: 'Sigilii aplicate, fiecare cu un număr unic între sigiliile vehiculului',
      bg: 'Поставени пломби, всяка с номер, който не се повтаря сред пломбите на превозното средство',
      lt: 'Uždėtos plombos, kiekviena su numeriu, kuris nesikartoja tarp transporto priemonės plombų',
      hu: 'Felhelyezett plombák (zárjegyek), mindegyik a jármű plombái között egyedi számmal',
      cs: 'Nasazené plomby, každá s číslem, které se mezi plombami vozidla neopakuje',
      uk: 'Встановлені пломби, кожна з номером, що не повторюється серед пломб транспортного засобу',
      tr: 'Her biri aracın mühürleri arasında benzersiz bir numara taşıyan mühürler takılmış',
      ru: 'Установлены пломбы, каждая с номером, не повторяющимся среди пломб транспортного средства',
    },
  },
  {
    code: 'tir-cords-working',
    holder: 'owner-or-hirer',
    appliesTo: OWNER_OR_HIRER,
    standardCheck: false,
    names: {
      en: 'TIR cords or straps in working order',
      pl: 'Linki celne TIR lub pasy w dobrym stanie technicznym',
      ro: 'Cablurile TIR sau chingile în stare de funcționare',
      bg: 'TIR въжета или колани в изправност',
      lt: 'Tvarkingi TIR lynai arba diržai',
      hu: 'Működőképes TIR-kötelek vagy -hevederek',
      cs: 'Celní lanka TIR nebo popruhy v provozuschopném stavu',
      uk: 'Справні троси TIR або ремені',
      tr: 'TIR halatları veya kayışları çalışır durumda',
      ru: 'Исправные тросы TIR или ремни',
    },
  },
  {
    code: 'alternative-security-method',
    holder: 'owner-or-hirer',
    appliesTo: OWNER_OR_HIRER,
    standardCheck: false,
    names: {
      en: 'Where the best method of securing the vehicle was impossible, all reasonable steps taken by another method',
      pl: 'Jeżeli najlepszy sposób zabezpieczenia pojazdu był niemożliwy, podjęcie wszelkich rozsądnych kroków innym sposobem',
      ro: 'Acolo unde metoda optimă de asigurare a vehiculului era imposibilă, luarea tuturor măsurilor rezonabile printr-o altă metodă',
      bg: 'Когато най-добрият начин за обезопасяване на превозното средство е невъзможен – предприемане на всички разумни мерки по друг начин',
      lt: 'Kai geriausias transporto priemonės apsaugos būdas buvo neįmanomas, imtasi visų pagrįstų priemonių kitu būdu',
      hu: 'Ha a jármű biztosításának legjobb módja nem volt lehetséges, minden észszerű lépés megtétele más módon',
      cs: 'Pokud nejlepší způsob zabezpečení vozidla nebyl možný, přijetí všech přiměřených opatření jiným způsobem',
      uk: 'Якщо найкращий спосіб захисту транспортного засобу був неможливий, вжиття всіх розумних заходів іншим способом',
      tr: 'Aracı güvenli hâle getirmenin en iyi yolu mümkün değilse, başka bir yolla tüm makul önlemlerin alınması',
      ru: 'Если наилучший способ защиты транспортного средства был невозможен, принятие всех разумных мер другим способом',
    },
  },
  {
    code: 'security-actions-recorded',
    holder: 'owner-or-hirer',
    appliesTo: OWNER_OR_HIRER,
    standardCheck: false,
    names: {
      en: 'Written records kept of the security actions taken and of any sign of unauthorised access',
      pl: 'Prowadzenie pisemnych zapisów podjętych działań zabezpieczających i wszelkich śladów nieuprawnionego dostępu',
      ro: 'Evidențe scrise ale măsurilor de securitate luate și ale oricărui semn de acces neautorizat',
      bg: 'Водене на писмени записи за предприетите мерки за сигурност и за всякакви признаци на неразрешен достъп',
      lt: 'Rašytiniai atliktų apsaugos veiksmų ir bet kokių neteisėtos prieigos požymių įrašai',
      hu: 'Írásos nyilvántartás a megtett biztonsági intézkedésekről és a jogosulatlan hozzáférés minden jeléről',
      cs: 'Písemné záznamy o provedených bezpečnostních opatřeních a o jakýchkoli známkách neoprávněného přístupu',
      uk: 'Письмові записи про вжиті заходи безпеки та будь-які ознаки несанкціонованого доступу',
      tr: 'Alınan güvenlik önlemlerinin ve yetkisiz erişim belirtilerinin yazılı kaydının tutulması',
      ru: 'Письменные записи о принятых мерах безопасности и любых признаках несанкционированного доступа',
    },
  },
  {
    code: 'shell-damage-repaired',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: false,
    names: {
      en: 'Any damage longer than 25 cm to the outer shell or fabric cover repaired before the journey',
      pl: 'Naprawa przed wyjazdem każdego uszkodzenia poszycia lub plandeki dłuższego niż 25 cm',
      ro: 'Repararea înainte de călătorie a oricărei deteriorări mai lungi de 25 cm a caroseriei sau a prelatei',
      bg: 'Отстраняване преди пътуването на всяка повреда на обшивката или брезента, по-дълга от 25 см',
      lt: 'Prieš kelionę sutaisyti didesni nei 25 cm kėbulo apvalkalo ar tento pažeidimai',
      hu: 'A külső borítás vagy a ponyva 25 cm-nél hosszabb sérüléseinek kijavítása indulás előtt',
      cs: 'Oprava každého poškození vnějšího pláště nebo plachty delšího než 25 cm před jízdou',
      uk: 'Усунення перед поїздкою будь-якого пошкодження зовнішньої обшивки або тенту довжиною понад 25 см',
      tr: 'Dış kasadaki veya brandadaki 25 cm’den uzun her hasarın yolculuktan önce onarılması',
      ru: 'Устранение перед поездкой любого повреждения внешней обшивки или тента длиной более 25 см',
    },
  },
  {
    code: 'check-at-loading',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: true,
    names: {
      en: 'Standard check of the vehicle at loading',
      pl: 'Standardowa kontrola pojazdu przy załadunku',
      ro: 'Verificarea standard a vehiculului la încărcare',
      bg: 'Стандартна проверка на превозното средство при товарене',
      lt: 'Standartinė transporto priemonės patikra pakrovimo metu',
      hu: 'A jármű szokásos ellenőrzése rakodáskor',
      cs: 'Standardní kontrola vozidla při nakládce',
      uk: 'Стандартна перевірка транспортного засобу під час завантаження',
      tr: 'Yükleme sırasında aracın standart kontrolü',
      ru: 'Стандартная проверка транспортного средства при погрузке',
    },
  },
  {
    code: 'check-after-stops',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: true,
    names: {
      en: 'Standard check of the vehicle after every stop',
      pl: 'Standardowa kontrola pojazdu po każdym postoju',
      ro: 'Verificarea standard a vehiculului după fiecare oprire',
      bg: 'Стандартна проверка на превозното средство след всяко спиране',
      lt: 'Standartinė transporto priemonės patikra po kiekvieno sustojimo',
      hu: 'A jármű szokásos ellenőrzése minden megállás után',
      cs: 'Standardní kontrola vozidla po každé zastávce',
      uk: 'Стандартна перевірка транспортного засобу після кожної зупинки',
      tr: 'Her duraktan sonra aracın standart kontrolü',
      ru: 'Стандартная проверка транспортного средства после каждой остановки',
    },
  },
  {
    code: 'final-check-before-control-zone',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: true,
    names: {
      en: 'Final check of the vehicle before entering the control zone',
      pl: 'Końcowa kontrola pojazdu przed wjazdem do strefy kontroli',
      ro: 'Verificarea finală a vehiculului înainte de intrarea în zona de control',
      bg: 'Последна проверка на превозното средство преди влизане в контролната зона',
      lt: 'Galutinė transporto priemonės patikra prieš įvažiuojant į kontrolės zoną',
      hu: 'A jármű utolsó ellenőrzése az ellenőrzési zónába való behajtás előtt',
      cs: 'Závěrečná kontrola vozidla před vjezdem do kontrolní zóny',
      uk: 'Остаточна перевірка транспортного засобу перед в’їздом до контрольної зони',
      tr: 'Kontrol bölgesine girmeden önce aracın son kontrolü',
      ru: 'Заключительная проверка транспортного средства перед въездом в зону контроля',
    },
  },
  {
    code: 'checks-recorded',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: false,
    names: {
      en: 'Every check recorded',
      pl: 'Zapisanie każdej kontroli',
      ro: 'Consemnarea fiecărei verificări',
      bg: 'Записване на всяка проверка',
      lt: 'Kiekviena patikra užfiksuota',
      hu: 'Minden ellenőrzés rögzítése',
      cs: 'Zaznamenání každé kontroly',
      uk: 'Запис кожної перевірки',
      tr: 'Her kontrolün kaydedilmesi',
      ru: 'Запись каждой проверки',
    },
  },
  {
    code: 'seal-numbers-recorded',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: false,
    names: {
      en: 'Every seal number recorded before the journey',
      pl: 'Zapisanie przed wyjazdem numeru każdej plomby',
      ro: 'Consemnarea numărului fiecărui sigiliu înainte de călătorie',
      bg: 'Записване на номера на всяка пломба преди пътуването',
      lt: 'Prieš kelionę užfiksuotas kiekvienos plombos numeris',
      hu: 'Minden plomba számának rögzítése indulás előtt',
      cs: 'Zaznamenání čísla každé plomby před jízdou',
      uk: 'Запис номера кожної пломби перед поїздкою',
      tr: 'Yolculuktan önce her mühür numarasının kaydedilmesi',
      ru: 'Запись номера каждой пломбы перед поездкой',
    },
  },
  {
    code: 'broken-seals-recorded',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: false,
    names: {
      en: 'Any broken or replaced seal recorded',
      pl: 'Zapisanie każdej zerwanej lub wymienionej plomby',
      ro: 'Consemnarea oricărui sigiliu rupt sau înlocuit',
      bg: 'Записване на всяка скъсана или сменена пломба',
      lt: 'Užfiksuota kiekviena nutraukta ar pakeista plomba',
      hu: 'Minden sérült vagy kicserélt plomba rögzítése',
      cs: 'Zaznamenání každé porušené nebo vyměněné plomby',
      uk: 'Запис кожної зірваної або заміненої пломби',
      tr: 'Kırılan veya değiştirilen her mührün kaydedilmesi',
      ru: 'Запись каждой сорванной или заменённой пломбы',
    },
  },
  {
    code: 'suspected-access-reported',
    holder: 'driver',
    appliesTo: DRIVER,
    standardCheck: false,
    names: {
      en: 'Suspected unauthorised access reported to the police or an immigration officer as soon as possible',
      pl: 'Jak najszybsze zgłoszenie podejrzenia nieuprawnionego dostępu policji lub funkcjonariuszowi imigracyjnemu',
      ro: 'Raportarea cât mai curând posibil a suspiciunii de acces neautorizat către poliție sau un ofițer de imigrație',
      bg: 'Съобщаване възможно най-скоро на полицията или на имиграционен служител при подозрение за неразрешен достъп',
      lt: 'Apie įtariamą neteisėtą prieigą kuo skubiau pranešta policijai arba imigracijos pareigūnui',
      hu: 'Jogosulatlan hozzáférés gyanújának mielőbbi bejelentése a rendőrségnek vagy egy bevándorlási tisztnek',
      cs: 'Co nejrychlejší nahlášení podezření na neoprávněný přístup policii nebo imigračnímu úředníkovi',
      uk: 'Якнайшвидше повідомлення поліції або імміграційному офіцерові про підозру на несанкціонований доступ',
      tr: 'Yetkisiz erişim şüphesinin en kısa sürede polise veya bir göçmenlik görevlisine bildirilmesi',
      ru: 'Как можно более быстрое сообщение полиции или сотруднику иммиграционной службы о подозрении на несанкционированный доступ',
    },
  },
] as const satisfies readonly SecurityRequirement[];

export type SecurityRequirementCode = (typeof GOODS_VEHICLE_SECURITY_REQUIREMENTS)[number]['code'];

export const SECURITY_REQUIREMENT_CODES = GOODS_VEHICLE_SECURITY_REQUIREMENTS.map((requirement) => requirement.code) as [
  SecurityRequirementCode,
  ...SecurityRequirementCode[],
];

/** A name in `language`, in English where the language has none yet. */
export function nameIn(names: Names, language: string): string {
  const own = (names as Readonly<Record<string, string | undefined>>)[language];
  return own !== undefined && own.trim() !== '' ? own : names.en;
}

/** What a standard check (at loading, after every stop, before the control zone) covers. */
export const STANDARD_CHECK_POINTS = [
  {
    code: 'means-of-entry-and-cargo',
    names: {
      en: 'Doors and other means of entry secured, and the load secured',
      pl: 'Zabezpieczenie drzwi i innych miejsc wejścia oraz ładunku',
      ro: 'Ușile și celelalte căi de acces asigurate, iar încărcătura asigurată',
      bg: 'Обезопасени врати и други места за достъп, както и товарът',
      lt: 'Apsaugotos durys ir kitos patekimo vietos, taip pat krovinys',
      hu: 'Az ajtók és más bejutási pontok, valamint a rakomány biztosítása',
      cs: 'Zabezpečení dveří a dalších vstupů a zabezpečení nákladu',
      uk: 'Захист дверей та інших місць доступу, а також вантажу',
      tr: 'Kapıların ve diğer giriş noktalarının ve yükün güvenli hâle getirilmesi',
      ru: 'Защита дверей и других мест доступа, а также груза',
    },
  },
  {
    code: 'locks-seals-devices',
    names: {
      en: 'Locks, seals and security devices free of tampering',
      pl: 'Zamki, plomby i urządzenia zabezpieczające bez śladów ingerencji',
      ro: 'Încuietorile, sigiliile și dispozitivele de securitate fără urme de intervenție',
      bg: 'Ключалки, пломби и устройства за сигурност без следи от намеса',
      lt: 'Spynos, plombos ir apsaugos įtaisai be pašalinio poveikio žymių',
      hu: 'Zárak, plombák és biztonsági eszközök manipulálás nyoma nélkül',
      cs: 'Zámky, plomby a zabezpečovací zařízení bez známek manipulace',
      uk: 'Замки, пломби та захисні пристрої без слідів втручання',
      tr: 'Kilitler, mühürler ve güvenlik düzeneklerinde kurcalama izi olmaması',
      ru: 'Замки, пломбы и защитные устройства без следов вмешательства',
    },
  },
  {
    code: 'documentation',
    names: {
      en: 'Documentation correct',
      pl: 'Prawidłowa dokumentacja',
      ro: 'Documentele corecte',
      bg: 'Правилна документация',
      lt: 'Tinkami dokumentai',
      hu: 'Megfelelő dokumentáció',
      cs: 'Správná dokumentace',
      uk: 'Правильна документація',
      tr: 'Belgelerin doğru olması',
      ru: 'Правильная документация',
    },
  },
  {
    code: 'tir-cords-straps-eyelets',
    names: {
      en: 'TIR cords, straps and eyelets',
      pl: 'Linki celne TIR, pasy i oczka',
      ro: 'Cablurile TIR, chingile și ocheții',
      bg: 'TIR въжета, колани и халки',
      lt: 'TIR lynai, diržai ir kilpos',
      hu: 'TIR-kötelek, hevederek és fűzőszemek',
      cs: 'Celní lanka TIR, popruhy a oka',
      uk: 'Троси TIR, ремені та люверси',
      tr: 'TIR halatları, kayışlar ve halkalar',
      ru: 'Тросы TIR, ремни и люверсы',
    },
  },
  {
    code: 'outer-shell-or-fabric',
    names: {
      en: 'Outer shell or fabric cover',
      pl: 'Poszycie zewnętrzne lub plandeka',
      ro: 'Caroseria exterioară sau prelata',
      bg: 'Външна обшивка или брезент',
      lt: 'Išorinis kėbulo apvalkalas arba tentas',
      hu: 'Külső borítás vagy ponyva',
      cs: 'Vnější plášť nebo plachta',
      uk: 'Зовнішня обшивка або тент',
      tr: 'Dış kasa veya branda',
      ru: 'Внешняя обшивка или тент',
    },
  },
  {
    code: 'external-compartments',
    names: {
      en: 'External compartments and wind deflectors',
      pl: 'Schowki zewnętrzne i owiewki',
      ro: 'Compartimentele exterioare și deflectoarele de aer',
      bg: 'Външни отделения и спойлери',
      lt: 'Išoriniai skyriai ir vėjo deflektoriai',
      hu: 'Külső tárolórekeszek és légterelők',
      cs: 'Vnější schránky a spoilery',
      uk: 'Зовнішні відсіки та обтічники',
      tr: 'Dış bölmeler ve rüzgârlıklar',
      ru: 'Внешние отсеки и обтекатели',
    },
  },
  {
    code: 'beneath-vehicle',
    names: {
      en: 'Beneath the vehicle',
      pl: 'Pod pojazdem',
      ro: 'Sub vehicul',
      bg: 'Под превозното средство',
      lt: 'Po transporto priemone',
      hu: 'A jármű alja',
      cs: 'Pod vozidlem',
      uk: 'Під транспортним засобом',
      tr: 'Aracın altı',
      ru: 'Под транспортным средством',
    },
  },
  {
    code: 'inside-including-roof',
    names: {
      en: 'Inside the vehicle, including the roof',
      pl: 'Wnętrze pojazdu, łącznie z dachem',
      ro: 'Interiorul vehiculului, inclusiv acoperișul',
      bg: 'Вътрешността на превозното средство, включително покрива',
      lt: 'Transporto priemonės vidus, įskaitant stogą',
      hu: 'A jármű belseje, a tetőt is beleértve',
      cs: 'Vnitřek vozidla včetně střechy',
      uk: 'Всередині транспортного засобу, включно з дахом',
      tr: 'Aracın içi, tavan dâhil',
      ru: 'Внутри транспортного средства, включая крышу',
    },
  },
] as const satisfies readonly { code: string; names: Names }[];

/** What an officer records for each requirement (DOMAIN.md §4). */
export const REQUIREMENT_FINDINGS = ['met', 'not-met', 'not-applicable', 'unknown'] as const;
export type RequirementFinding = (typeof REQUIREMENT_FINDINGS)[number];

export function isSecurityRequirementCode(value: unknown): value is SecurityRequirementCode {
  return typeof value === 'string' && (SECURITY_REQUIREMENT_CODES as readonly string[]).includes(value);
}

export function securityRequirement(code: SecurityRequirementCode): SecurityRequirement {
  const requirement = GOODS_VEHICLE_SECURITY_REQUIREMENTS.find((candidate) => candidate.code === code);
  // The code type admits only listed codes; reaching this is a programming error.
  if (!requirement) throw new Error(`unknown security requirement "${code}"`);
  return requirement;
}

/** The requirement's name in `language`, in English where the language has none. */
export function requirementName(code: SecurityRequirementCode, language: string): string {
  return nameIn(securityRequirement(code).names, language);
}

/** The requirements that apply to a responsible person in `role`, in the order of §4. */
export function requirementsFor(role: Role): SecurityRequirement[] {
  return GOODS_VEHICLE_SECURITY_REQUIREMENTS.filter((requirement) => (requirement.appliesTo as readonly Role[]).includes(role));
}

/**
 * The requirements recorded as not met, in the order of §4 whatever the order given, each once.
 * Unknown codes are ignored here: validating the record is the recording command's job.
 */
export function requirementsNotMet(findings: Readonly<Partial<Record<string, RequirementFinding>>>): SecurityRequirementCode[] {
  return SECURITY_REQUIREMENT_CODES.filter((code) => findings[code] === 'not-met');
}

/** Orders requirement codes as §4 does and drops repeats. */
export function inRequirementOrder(codes: readonly SecurityRequirementCode[]): SecurityRequirementCode[] {
  return SECURITY_REQUIREMENT_CODES.filter((code) => codes.includes(code));
}
