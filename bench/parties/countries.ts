// What the generator draws European haulage companies and drivers from, country by country.
// Names are the commonest in each country's statistics; Bulgarian and Ukrainian ones are in
// Cyrillic, as their registers and passports write them. Legal-form spellings are the ones
// seen on CMR notes, invoices and trailers, from the register's own to the sloppy.

export interface CountryData {
  readonly code: string;
  readonly script: 'latin' | 'cyrillic';
  /** Family name first, as Hungarians write their names. */
  readonly familyNameFirst?: boolean;
  readonly firstNames: readonly string[];
  /** The commonest surnames, drawn often (a third of the time). */
  readonly surnames: readonly string[];
  /**
   * The long tail, as the language builds surnames: stems and endings (Polish Wiśniew-ski,
   * Bulgarian Стоян-ов, Ukrainian Кравч-енко, Turkish Kara-taş). Without it a few hundred names
   * would make namesakes far commoner than in any real register.
   */
  readonly surnameParts: readonly [stems: readonly string[], endings: readonly string[]];
  readonly places: readonly string[];
  /** Words haulage companies put in their names. */
  readonly trade: readonly string[];
  /** Short stems companies coin names from ("Pol" + "trans"). */
  readonly stems: readonly string[];
  /** Each legal form as its spellings, the register's first; the first form is the commonest. */
  readonly legalForms: readonly (readonly string[])[];
  /** Legal form written in front of the name ("UAB Vežėjas", "S.C. … S.R.L."). */
  readonly legalFormFirst?: number;
  readonly streets: readonly string[];
  readonly address: (street: string, number: number, place: string) => string;
  readonly postcode: (random: () => number) => string;
  /**
   * A company's VAT or register number as the register writes it, then as others write it
   * (spaces, dashes, case: the number itself never changes, because the batch file does not
   * say what kind of identifier it holds and so cannot restore a dropped prefix or zero).
   */
  readonly companyId: (random: () => number) => { written: readonly string[] };
  /** A driver's passport or licence number. */
  readonly personId: (random: () => number) => string;
}

const digits = (random: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const letters = (random: () => number, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(random() * 26))).join('');

export const COUNTRIES: readonly CountryData[] = [
  {
    code: 'PL',
    script: 'latin',
    firstNames: ['Jan', 'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Grzegorz', 'Józef', 'Łukasz', 'Zbigniew', 'Dariusz', 'Mariusz', 'Wojciech', 'Rafał', 'Sławomir', 'Jarosław', 'Przemysław', 'Bartłomiej', 'Krystian', 'Mirosław', 'Ryszard', 'Henryk', 'Kazimierz'],
    surnames: ['Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Wojciechowski', 'Kwiatkowski', 'Krawczyk', 'Kaczmarek', 'Piotrowski', 'Grabowski', 'Zając', 'Pawłowski', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Wróbel', 'Nowakowski', 'Majewski', 'Olszewski', 'Stępień', 'Malinowski', 'Jaworski', 'Adamczyk', 'Dudek', 'Nowicki', 'Pawlak', 'Górski', 'Witkowski', 'Walczak', 'Sikora', 'Baran', 'Rutkowski', 'Michalak', 'Szewczyk', 'Ostrowski', 'Tomaszewski', 'Pietrzak', 'Duda', 'Zalewski', 'Chmielewski', 'Błaszczyk', 'Żak', 'Sadowski', 'Bąk'],
    surnameParts: [['Kowal', 'Nowa', 'Wiśniew', 'Kamiń', 'Lewandow', 'Zieliń', 'Szymań', 'Dąbrow', 'Kozłow', 'Jankow', 'Kwiatkow', 'Piotrow', 'Grabow', 'Pawłow', 'Jabłoń', 'Majew', 'Olszew', 'Malinow', 'Jawor', 'Witkow', 'Rutkow', 'Ostrow', 'Tomaszew', 'Zalew', 'Chmielew', 'Sadow', 'Borkow', 'Czarnec', 'Bielaw', 'Leśniew', 'Markow', 'Sobie', 'Kalinow', 'Wasilew', 'Kubac', 'Szczepań', 'Zawadz', 'Baranow', 'Głow', 'Kołodziej'], ['ski', 'czyk', 'ak', 'ek', 'owicz', 'iec']],
    places: ['Łódź', 'Poznań', 'Kraków', 'Wrocław', 'Gdańsk', 'Szczecin', 'Bydgoszcz', 'Lublin', 'Białystok', 'Katowice', 'Rzeszów', 'Toruń', 'Kielce', 'Olsztyn', 'Opole', 'Zielona Góra', 'Płock', 'Radom', 'Częstochowa', 'Świecko', 'Kutno', 'Września'],
    trade: ['Trans', 'Transport', 'Logistyka', 'Spedycja', 'Cargo', 'Przewozy', 'Auto-Trans', 'Usługi Transportowe', 'Transport Międzynarodowy', 'Logistic', 'Spedition', 'Transport Drogowy'],
    stems: ['Pol', 'Euro', 'Inter', 'Trans', 'Mar', 'Tom', 'Kow', 'Bud', 'Max', 'Lech', 'Wis', 'Agro'],
    legalForms: [
      ['Sp. z o.o.', 'SP. Z O.O.', 'sp. z o.o.', 'Sp.z o.o.', 'SP ZOO', 'Sp z oo', 'spółka z o.o.', 'Spółka z ograniczoną odpowiedzialnością', 'Sp. z.o.o.'],
      ['Sp.j.', 'SP.J.', 'Sp. j.', 'spółka jawna'],
      ['S.A.', 'SA', 'Spółka Akcyjna'],
      ['Sp. z o.o. Sp.k.', 'Sp. z o.o. Sp. k.', 'SP. Z O.O. SP.K.', 'sp. z o.o. spółka komandytowa'],
    ],
    streets: ['Piotrkowska', 'Marszałkowska', 'Długa', 'Polna', 'Leśna', 'Słoneczna', 'Krótka', 'Szkolna', 'Ogrodowa', 'Lipowa', 'Brzozowa', 'Kościuszki', 'Mickiewicza', 'Sienkiewicza', 'Przemysłowa', 'Transportowa', 'Składowa', 'Magazynowa', 'Łąkowa', 'Wspólna'],
    address: (street, number, place) => `ul. ${street} ${number}, ${place}`,
    postcode: (r) => `${digits(r, 2)}-${digits(r, 3)}`,
    companyId: (r) => {
      const d = digits(r, 10);
      return { written: [`PL${d}`, `PL ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, `PL-${d}`] };
    },
    personId: (r) => `${letters(r, 2)}${digits(r, 7)}`,
  },
  {
    code: 'RO',
    script: 'latin',
    firstNames: ['Ion', 'Gheorghe', 'Vasile', 'Constantin', 'Mihai', 'Andrei', 'Alexandru', 'Ștefan', 'Nicolae', 'Florin', 'Cătălin', 'Răzvan', 'Bogdan', 'Marius', 'Dumitru', 'Adrian', 'Cristian', 'Ionuț', 'Daniel', 'Gabriel', 'Sorin', 'Viorel', 'Costel', 'Petrică'],
    surnames: ['Popescu', 'Popa', 'Ionescu', 'Constantin', 'Stan', 'Dumitru', 'Stoica', 'Gheorghe', 'Rusu', 'Munteanu', 'Matei', 'Ciobanu', 'Moldovan', 'Toma', 'Răducanu', 'Florea', 'Mureșan', 'Niță', 'Dinu', 'Lungu', 'Tănase', 'Sârbu', 'Bălan', 'Ștefănescu', 'Diaconu', 'Oprea', 'Ursu', 'Mocanu', 'Barbu', 'Neagu', 'Pîrvu', 'Dobre', 'Cristea', 'Marin', 'Enache', 'Vlad', 'Anghel', 'Țurcanu', 'Chiriac', 'Lazăr'],
    surnameParts: [['Pop', 'Ion', 'Stan', 'Dumitr', 'Gheorghi', 'Mun', 'Cioban', 'Florea', 'Radu', 'Dinc', 'Lungu', 'Tănas', 'Bălan', 'Ștef', 'Diac', 'Oprea', 'Mocan', 'Barb', 'Neag', 'Pîrv', 'Dobr', 'Cristea', 'Marin', 'Enach', 'Anghel', 'Chiri', 'Lazăr', 'Vasil', 'Nicol', 'Petr', 'Mihăil', 'Constantin', 'Georg', 'Sandu', 'Preda', 'Drăgh', 'Zamfir', 'Voicu', 'Manole', 'Iordach'], ['escu', 'eanu', 'aru', 'ache', 'ici', 'oiu']],
    places: ['București', 'Cluj-Napoca', 'Timișoara', 'Iași', 'Constanța', 'Craiova', 'Brașov', 'Galați', 'Ploiești', 'Oradea', 'Brăila', 'Arad', 'Pitești', 'Sibiu', 'Bacău', 'Târgu Mureș', 'Suceava', 'Botoșani', 'Satu Mare', 'Focșani'],
    trade: ['Trans', 'Transport', 'Logistic', 'Expres', 'Cargo', 'Impex', 'Com', 'Auto Trans', 'Transport Marfă', 'Internațional', 'Speed', 'Trans Europa'],
    stems: ['Ro', 'Carp', 'Dan', 'Euro', 'Mol', 'Trans', 'Vio', 'Cris', 'Nic', 'Sil', 'Mar', 'Ali'],
    legalForms: [
      ['S.R.L.', 'SRL', 's.r.l.', 'S.R.L', 'Srl', 'societate cu răspundere limitată'],
      ['S.A.', 'SA', 's.a.'],
      ['P.F.A.', 'PFA', 'Pfa'],
    ],
    streets: ['Strada Mihai Eminescu', 'Strada Unirii', 'Bulevardul Independenței', 'Strada Libertății', 'Calea Victoriei', 'Strada Florilor', 'Strada Gării', 'Șoseaua Industrială', 'Strada Avram Iancu', 'Strada Tudor Vladimirescu', 'Bulevardul Republicii', 'Strada Morii'],
    address: (street, number, place) => `${street} nr. ${number}, ${place}`,
    postcode: (r) => digits(r, 6),
    companyId: (r) => {
      const d = digits(r, 8);
      return { written: [`RO${d}`, `RO ${d}`, `RO-${d}`] };
    },
    personId: (r) => `${letters(r, 2)}${digits(r, 6)}`,
  },
  {
    code: 'BG',
    script: 'cyrillic',
    firstNames: ['Иван', 'Георги', 'Димитър', 'Петър', 'Николай', 'Христо', 'Стоян', 'Тодор', 'Васил', 'Стефан', 'Атанас', 'Красимир', 'Пламен', 'Валентин', 'Йордан', 'Любомир', 'Емил', 'Цветан', 'Борислав', 'Живко', 'Ангел', 'Методи'],
    surnames: ['Иванов', 'Георгиев', 'Димитров', 'Петров', 'Николов', 'Христов', 'Стоянов', 'Тодоров', 'Илиев', 'Василев', 'Атанасов', 'Петков', 'Ангелов', 'Йорданов', 'Колев', 'Маринов', 'Попов', 'Цветков', 'Костов', 'Желязков', 'Шишков', 'Чавдаров', 'Щерев', 'Янков', 'Михайлов', 'Русев', 'Павлов', 'Кръстев', 'Златев', 'Генчев'],
    surnameParts: [['Иван', 'Георги', 'Димитр', 'Петр', 'Никол', 'Христ', 'Стоян', 'Тодор', 'Или', 'Васил', 'Атанас', 'Петк', 'Ангел', 'Йордан', 'Кол', 'Марин', 'Поп', 'Цветк', 'Кост', 'Желязк', 'Шишк', 'Чавдар', 'Щер', 'Янк', 'Михайл', 'Рус', 'Павл', 'Кръст', 'Злат', 'Генч', 'Стефан', 'Борис', 'Ламбр', 'Велик', 'Данаил', 'Горан', 'Трифон', 'Благо', 'Славч', 'Бойч'], ['ов', 'ев', 'ски', 'чев', 'анов', 'ков']],
    places: ['София', 'Пловдив', 'Варна', 'Бургас', 'Русе', 'Стара Загора', 'Плевен', 'Сливен', 'Добрич', 'Шумен', 'Перник', 'Хасково', 'Ямбол', 'Пазарджик', 'Благоевград', 'Велико Търново', 'Враца', 'Габрово', 'Видин', 'Кърджали'],
    trade: ['Транс', 'Транспорт', 'Логистик', 'Карго', 'Експрес', 'Трейд', 'Спед', 'Ауто', 'Интер Транс', 'Транс Сервиз', 'Автотранспорт', 'Логистикс'],
    stems: ['Евро', 'Балкан', 'Юг', 'Бул', 'Тракия', 'Дунав', 'Интер', 'Мега', 'Стар', 'Вит', 'Ники', 'Рила'],
    legalForms: [
      ['ЕООД', 'EOOD', 'Е.О.О.Д.', 'E.O.O.D.', 'еоод', 'Eood'],
      ['ООД', 'OOD', 'О.О.Д.', 'O.O.D.'],
      ['ЕТ', 'ET', 'Е.Т.'],
      ['АД', 'AD', 'А.Д.'],
    ],
    streets: ['ул. „Христо Ботев“', 'бул. „България“', 'ул. „Васил Левски“', 'ул. „Шипка“', 'бул. „Цар Освободител“', 'ул. „Раковски“', 'ул. „Индустриална“', 'бул. „Македония“', 'ул. „Гурко“', 'ул. „Иван Вазов“'],
    address: (street, number, place) => `${street} № ${number}, ${place}`,
    postcode: (r) => digits(r, 4),
    companyId: (r) => {
      const d = digits(r, 9);
      return { written: [`BG${d}`, `BG ${d}`, `bg${d}`] };
    },
    personId: (r) => digits(r, 9),
  },
  {
    code: 'LT',
    script: 'latin',
    firstNames: ['Jonas', 'Petras', 'Antanas', 'Tomas', 'Mindaugas', 'Darius', 'Andrius', 'Saulius', 'Vytautas', 'Gintaras', 'Rimantas', 'Audrius', 'Žydrūnas', 'Arūnas', 'Šarūnas', 'Kęstutis', 'Algirdas', 'Egidijus', 'Raimondas', 'Virginijus'],
    surnames: ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus', 'Paulauskas', 'Urbonas', 'Kavaliauskas', 'Navickas', 'Ramanauskas', 'Šimkus', 'Baranauskas', 'Žilinskas', 'Sakalauskas', 'Mikalauskas', 'Rimkus', 'Juškevičius', 'Černiauskas', 'Grigas', 'Bagdonas', 'Vaitkus', 'Lukoševičius'],
    surnameParts: [['Kazl', 'Jank', 'Petr', 'Stankev', 'Vasili', 'Žuk', 'Paul', 'Kavali', 'Ramana', 'Baran', 'Žilin', 'Sakal', 'Mikal', 'Juškev', 'Černi', 'Lukošev', 'Balt', 'Grig', 'Vait', 'Rimk', 'Jonait', 'Kairys', 'Mockev', 'Bart', 'Dov', 'Šimk', 'Norkev', 'Kuzm', 'Mart', 'Adom', 'Gaiž', 'Vilk', 'Sabal', 'Urb', 'Rač', 'Pocev', 'Tamul', 'Valanč', 'Jurg', 'Kriv'], ['auskas', 'aitis', 'ėnas', 'icius', 'onis', 'us']],
    places: ['Vilnius', 'Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys', 'Alytus', 'Marijampolė', 'Mažeikiai', 'Jonava', 'Utena', 'Kėdainiai', 'Telšiai', 'Tauragė', 'Ukmergė'],
    trade: ['Transportas', 'Logistika', 'Krovinių Pervežimai', 'Trans', 'Cargo', 'Vežėjas', 'Ekspedicija', 'Auto', 'Transporto Paslaugos', 'Baltic Trans', 'Logistics', 'Kelių Transportas'],
    stems: ['Balt', 'Lit', 'Vil', 'Kau', 'Neris', 'Amber', 'Gint', 'Ruta', 'Vyt', 'Trans', 'Nem', 'Sau'],
    legalForms: [
      ['UAB', 'Uab', 'U.A.B.', 'uždaroji akcinė bendrovė'],
      ['MB', 'M.B.', 'mažoji bendrija'],
      ['AB', 'A.B.', 'akcinė bendrovė'],
    ],
    legalFormFirst: 0.7,
    streets: ['Savanorių pr.', 'Gedimino pr.', 'Pramonės g.', 'Vilniaus g.', 'Kauno g.', 'Taikos pr.', 'Ukmergės g.', 'Liepų g.', 'Sodų g.', 'Žalgirio g.', 'Transporto g.'],
    address: (street, number, place) => `${street} ${number}, ${place}`,
    postcode: (r) => `LT-${digits(r, 5)}`,
    companyId: (r) => {
      const d = digits(r, 9);
      return { written: [`LT${d}`, `LT ${d}`, `LT-${d}`] };
    },
    personId: (r) => digits(r, 8),
  },
  {
    code: 'HU',
    script: 'latin',
    familyNameFirst: true,
    firstNames: ['László', 'István', 'József', 'János', 'Zoltán', 'Sándor', 'Gábor', 'Ferenc', 'Attila', 'Péter', 'Tamás', 'Zsolt', 'Tibor', 'András', 'Csaba', 'Imre', 'Lajos', 'György', 'Balázs', 'Gyula'],
    surnames: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas', 'Balogh', 'Papp', 'Takács', 'Juhász', 'Lakatos', 'Mészáros', 'Oláh', 'Simon', 'Rácz', 'Fekete', 'Szilágyi', 'Török', 'Fehér', 'Balázs', 'Gál', 'Kis', 'Szűcs', 'Kocsis', 'Orsós', 'Pintér'],
    surnameParts: [['Szeged', 'Pécs', 'Buda', 'Debrecen', 'Győr', 'Tatai', 'Somogy', 'Zala', 'Baranya', 'Tolna', 'Békés', 'Heves', 'Nógrád', 'Vas', 'Pápa', 'Tokaj', 'Eger', 'Kassa', 'Sopron', 'Pest', 'Bakony', 'Tisza', 'Maros', 'Kis', 'Nagy', 'Fekete', 'Fehér', 'Vörös', 'Sárközy', 'Halász', 'Kovács', 'Szabó', 'Takács', 'Molnár', 'Varga', 'Bíró', 'Vincze', 'Hegedűs', 'Katona', 'Pásztor'], ['i', 'y', '', 'né', 'fi', 'házi']],
    places: ['Budapest', 'Debrecen', 'Szeged', 'Miskolc', 'Pécs', 'Győr', 'Nyíregyháza', 'Kecskemét', 'Székesfehérvár', 'Szombathely', 'Szolnok', 'Tatabánya', 'Kaposvár', 'Érd', 'Veszprém', 'Békéscsaba'],
    trade: ['Trans', 'Szállítmányozási', 'Fuvarozó', 'Logisztikai', 'Kereskedelmi és Szolgáltató', 'Cargo', 'Sped', 'Fuvarozási', 'Nemzetközi Fuvarozó', 'Autó', 'Transport', 'Logistic'],
    stems: ['Hun', 'Duna', 'Tisza', 'Mátra', 'Pannon', 'Euro', 'Magyar', 'Alföld', 'Bakony', 'Trans', 'Zala', 'Hajdú'],
    legalForms: [
      ['Kft.', 'Kft', 'KFT.', 'KFT', 'kft.', 'Korlátolt Felelősségű Társaság'],
      ['Zrt.', 'Zrt', 'ZRT.'],
      ['Bt.', 'Bt', 'BT.', 'Betéti Társaság'],
    ],
    streets: ['Fő utca', 'Kossuth Lajos utca', 'Petőfi Sándor utca', 'Rákóczi út', 'Ipari út', 'Béke utca', 'Szabadság tér', 'Dózsa György út', 'Széchenyi utca', 'Arany János utca'],
    address: (street, number, place) => `${place}, ${street} ${number}.`,
    postcode: (r) => String(1000 + Math.floor(r() * 9000)),
    companyId: (r) => {
      const d = digits(r, 8);
      return { written: [`HU${d}`, `HU ${d}`, `HU-${d}`] };
    },
    personId: (r) => `${letters(r, 2)}${digits(r, 6)}`,
  },
  {
    code: 'CZ',
    script: 'latin',
    firstNames: ['Jiří', 'Jan', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav', 'Miroslav', 'Zdeněk', 'Václav', 'Michal', 'František', 'Lukáš', 'Radek', 'Vladimír', 'Stanislav', 'Ondřej', 'Luboš', 'Karel'],
    surnames: ['Novák', 'Svoboda', 'Novotný', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Marek', 'Pospíšil', 'Pokorný', 'Hájek', 'Král', 'Jelínek', 'Růžička', 'Beneš', 'Fiala', 'Sedláček', 'Doležal', 'Zeman', 'Kolář', 'Navrátil', 'Čermák', 'Vaněk', 'Urban', 'Blažek', 'Kříž', 'Kovář'],
    surnameParts: [['Novot', 'Svobod', 'Dvoř', 'Čern', 'Procház', 'Kučer', 'Veselý', 'Hor', 'Něm', 'Mar', 'Pospíš', 'Pokorn', 'Háj', 'Král', 'Jelín', 'Růžič', 'Beneš', 'Fial', 'Sedláč', 'Doležal', 'Zem', 'Kolář', 'Navrát', 'Čermák', 'Van', 'Urb', 'Blaž', 'Kříž', 'Kovář', 'Šťastn', 'Holub', 'Tich', 'Bartoš', 'Vlč', 'Kopeck', 'Musil', 'Šim', 'Matouš', 'Hrub', 'Krejč'], ['ek', 'ák', 'ka', 'ný', 'íček', 'ec']],
    places: ['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Liberec', 'Olomouc', 'České Budějovice', 'Hradec Králové', 'Ústí nad Labem', 'Pardubice', 'Zlín', 'Havířov', 'Kladno', 'Most', 'Opava', 'Jihlava'],
    trade: ['Trans', 'Doprava', 'Logistika', 'Spedice', 'Autodoprava', 'Cargo', 'Kamionová Doprava', 'Mezinárodní Doprava', 'Transport', 'Logistic', 'Přeprava', 'Expres'],
    stems: ['Bohem', 'Mor', 'Cz', 'Euro', 'Vltav', 'Brn', 'Ost', 'Trans', 'Lab', 'Šum', 'Kar', 'Jiz'],
    legalForms: [
      ['s.r.o.', 's. r. o.', 'S.R.O.', 'spol. s r.o.', 'SRO', 'společnost s ručením omezeným', 's.r.o'],
      ['a.s.', 'a. s.', 'A.S.', 'akciová společnost'],
      ['v.o.s.', 'V.O.S.', 'veřejná obchodní společnost'],
    ],
    streets: ['Nádražní', 'Hlavní', 'Školní', 'Průmyslová', 'Husova', 'Masarykova', 'Palackého', 'Komenského', 'Sokolská', 'Žižkova', 'Dopravní', 'Polní'],
    address: (street, number, place) => `${street} ${number}/${1 + (number % 40)}, ${place}`,
    postcode: (r) => `${1 + Math.floor(r() * 7)}${digits(r, 2)} ${digits(r, 2)}`,
    companyId: (r) => {
      const d = digits(r, 8);
      return { written: [`CZ${d}`, `CZ ${d}`, `CZ-${d}`] };
    },
    personId: (r) => digits(r, 8),
  },
  {
    code: 'UA',
    script: 'cyrillic',
    firstNames: ['Олександр', 'Андрій', 'Сергій', 'Володимир', 'Микола', 'Іван', 'Василь', 'Петро', 'Юрій', 'Олег', 'Дмитро', 'Віктор', 'Богдан', 'Тарас', 'Ярослав', 'Євген', 'Григорій', 'Михайло', 'Роман', 'Максим'],
    surnames: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко', 'Мельник', 'Коваль', 'Лисенко', 'Марченко', 'Руденко', 'Савченко', 'Петренко', 'Клименко', 'Павленко', 'Литвиненко', 'Гончаренко', 'Зінченко', 'Ковальчук', 'Ярошенко', 'Юрченко', 'Гаврилюк', 'Яковенко', 'Щербак', 'Іваненко', 'Приходько', 'Герасименко'],
    surnameParts: [['Шевч', 'Ковал', 'Бондар', 'Ткач', 'Кравч', 'Олійн', 'Поліщ', 'Бойч', 'Мельнич', 'Лис', 'Марч', 'Руд', 'Савч', 'Петр', 'Клим', 'Павл', 'Литвин', 'Гонч', 'Зінч', 'Ярош', 'Юрч', 'Гаврил', 'Яков', 'Щерб', 'Іван', 'Прих', 'Герасим', 'Дорош', 'Тимош', 'Костюч', 'Панч', 'Сидор', 'Мороз', 'Кузьм', 'Остап', 'Назар', 'Степан', 'Федор', 'Мирон', 'Данил'], ['енко', 'чук', 'ук', 'ак', 'ишин', 'ів']],
    places: ['Київ', 'Львів', 'Одеса', 'Харків', 'Дніпро', 'Вінниця', 'Луцьк', 'Рівне', 'Тернопіль', 'Житомир', 'Чернівці', 'Ужгород', 'Полтава', 'Хмельницький', 'Ковель', 'Мукачево'],
    trade: ['Транс', 'Логістик', 'Карго', 'Експрес', 'Автотранс', 'Вантаж', 'Транспорт', 'Логістика', 'Інтертранс', 'Транс Сервіс', 'Автоперевезення', 'Експедиція'],
    stems: ['Укр', 'Захід', 'Схід', 'Дніпро', 'Карпат', 'Євро', 'Волинь', 'Поділля', 'Галич', 'Інтер', 'Січ', 'Буг'],
    legalForms: [
      ['ТОВ', 'TOV', 'ТзОВ', 'Т.О.В.', 'товариство з обмеженою відповідальністю', 'Товариство з обмеженою відповідальністю'],
      ['ПП', 'PP', 'приватне підприємство'],
      ['ФОП', 'FOP', 'фізична особа-підприємець'],
    ],
    legalFormFirst: 0.6,
    streets: ['вул. Шевченка', 'вул. Франка', 'просп. Перемоги', 'вул. Садова', 'вул. Промислова', 'вул. Київська', 'вул. Лесі Українки', 'вул. Грушевського', 'вул. Заводська', 'вул. Транспортна'],
    address: (street, number, place) => `${street}, ${number}, м. ${place}`,
    postcode: (r) => digits(r, 5),
    companyId: (r) => {
      const d = digits(r, 8);
      return { written: [d, `${d.slice(0, 4)} ${d.slice(4)}`, `${d.slice(0, 2)}-${d.slice(2)}`] };
    },
    personId: (r) => `${letters(r, 2)}${digits(r, 6)}`,
  },
  {
    code: 'TR',
    script: 'latin',
    firstNames: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat', 'Ömer', 'Ramazan', 'Halil', 'Süleyman', 'Abdullah', 'Mahmut', 'Recep', 'Salih', 'Kemal', 'Şükrü', 'Çetin'],
    surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özcan', 'Korkmaz', 'Çakır', 'Erdoğan', 'Güneş', 'Aksoy', 'Uçar', 'Gök', 'Karataş'],
    surnameParts: [['Ak', 'Kara', 'Öz', 'Yıl', 'Gül', 'Demir', 'Er', 'Kurt', 'Şen', 'Ay', 'Gök', 'Tun', 'Bal', 'Çak', 'Doğ', 'Yüksel', 'Kay', 'Tek', 'Uz', 'Sarı', 'Bozk', 'Aslan', 'Koç', 'Türk', 'Al', 'Ateş', 'Bayr', 'Cen', 'Dur', 'Ekin', 'Genç', 'Işık', 'Kılı', 'Oral', 'Polat', 'Sev', 'Tan', 'Ünal', 'Yavuz', 'Zor'], ['soy', 'taş', 'türk', 'kaya', 'oğlu', 'can']],
    places: ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Kocaeli', 'Mersin', 'Gaziantep', 'Konya', 'Kayseri', 'Tekirdağ', 'Edirne', 'Manisa', 'Denizli', 'Sakarya', 'Çorlu', 'Uşak'],
    trade: ['Lojistik', 'Nakliyat', 'Taşımacılık', 'Uluslararası Nakliyat', 'Nakliye', 'Turizm', 'Otomotiv', 'Lojistik Hizmetleri', 'Uluslararası Taşımacılık', 'Transport', 'Kargo', 'Ticaret'],
    stems: ['Ege', 'Mar', 'Ana', 'Tur', 'Kar', 'Öz', 'Ak', 'Gür', 'Yol', 'Tır', 'Ser', 'Bal'],
    legalForms: [
      ['Ltd. Şti.', 'LTD. ŞTİ.', 'Ltd Şti', 'Ltd. Sti.', 'Limited Şirketi', 'San. ve Tic. Ltd. Şti.', 'LTD.ŞTİ.'],
      ['A.Ş.', 'A.S.', 'AŞ', 'Anonim Şirketi'],
    ],
    streets: ['Atatürk Cad.', 'Cumhuriyet Cad.', 'İstiklal Cad.', 'Fatih Sok.', 'Lale Sok.', 'Sanayi Cad.', 'Gazi Bulvarı', 'Menderes Cad.', 'Organize Sanayi Bölgesi', 'Barış Sok.'],
    address: (street, number, place) => `${street} No: ${number}, ${place}`,
    postcode: (r) => digits(r, 5),
    companyId: (r) => {
      const d = digits(r, 10);
      return { written: [d, `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, `${d.slice(0, 5)}-${d.slice(5)}`] };
    },
    personId: (r) => `${letters(r, 1)}${digits(r, 8)}`,
  },
  {
    code: 'GB',
    script: 'latin',
    firstNames: ['David', 'John', 'Paul', 'Mark', 'James', 'Andrew', 'Michael', 'Stephen', 'Richard', 'Peter', 'Gary', 'Ian', 'Simon', 'Darren', 'Lee', 'Craig', 'Wayne', 'Kevin', 'Neil', 'Sean'],
    surnames: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', "O'Brien", 'McDonald', "O'Neill", 'MacKenzie', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper'],
    surnameParts: [['Richard', 'Robert', 'William', 'Peter', 'Harri', 'Dick', 'Jack', 'Thom', 'Ander', 'Steven', 'Edward', 'Simp', 'Matt', 'Hud', 'Daw', 'Wat', 'Gib', 'Fletch', 'Thatch', 'Butch', 'Ash', 'Black', 'Brad', 'Brook', 'Church', 'Cole', 'Cross', 'Fair', 'Grant', 'Har', 'Hay', 'Holl', 'Kings', 'Lang', 'Mars', 'North', 'Rad', 'Stan', 'West', 'Whit'], ['son', 's', 'ley', 'er', 'ford', 'well']],
    places: ['Dover', 'Kent', 'Felixstowe', 'Birmingham', 'Manchester', 'Leeds', 'Hull', 'Immingham', 'Doncaster', 'Northampton', 'Daventry', 'Thurrock', 'Ashford', 'Folkestone', 'Coventry', 'Preston'],
    trade: ['Haulage', 'Transport', 'Logistics', 'Freight', 'Distribution', 'Express', 'Freight Services', 'International Haulage', 'Road Transport', 'Carriers', 'Freight Forwarding', 'Logistics Solutions'],
    stems: ['Anglo', 'Brit', 'Kent', 'Euro', 'Channel', 'Albion', 'Thames', 'Trans', 'North', 'Union', 'Atlas', 'Crown'],
    legalForms: [
      ['Ltd', 'Limited', 'LTD', 'Ltd.', 'LIMITED', 'Co. Ltd'],
      ['PLC', 'plc', 'P.L.C.', 'Public Limited Company'],
      ['LLP', 'L.L.P.'],
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Park Road', 'London Road', 'Dock Road', 'Industrial Estate', 'Victoria Road', 'Manor Way', 'Harbour Way'],
    address: (street, number, place) => `${number} ${street}, ${place}`,
    postcode: (r) => `${letters(r, 2)}${1 + Math.floor(r() * 20)} ${digits(r, 1)}${letters(r, 2)}`,
    companyId: (r) => {
      const d = digits(r, 7);
      return { written: [`0${d}`, `0${d.slice(0, 3)} ${d.slice(3)}`, `0${d.slice(0, 3)}-${d.slice(3)}`] };
    },
    personId: (r) => `${letters(r, 5)}${digits(r, 6)}${letters(r, 2)}`,
  },
];
