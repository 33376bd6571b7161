import { describe, expect, it } from 'vitest';
import {
  cyrillicSystemOfCountry,
  DEFAULT_CYRILLIC_SYSTEM,
  distinctiveCyrillicSystem,
  inferCyrillicSystem,
  transliterateCyrillic,
  transliterateGreek,
} from './transliteration.js';

const cyrillic = (text: string, system = inferCyrillicSystem(text)): string =>
  transliterateCyrillic(text.toLowerCase(), system);

describe('choosing the Cyrillic system', () => {
  it('reads і, ї, є or ґ as Ukrainian', () => {
    expect(inferCyrillicSystem('Київ')).toBe('uk');
    expect(inferCyrillicSystem('Ґудзик')).toBe('uk');
  });
  it('reads ы, э or ё as Russian', () => {
    expect(inferCyrillicSystem('Рыбак')).toBe('ru');
    expect(inferCyrillicSystem('Эдуард')).toBe('ru');
  });
  it('reads ђ, ћ, љ, њ, џ or ј as Serbian', () => {
    expect(inferCyrillicSystem('Ђорђе')).toBe('sr');
    expect(inferCyrillicSystem('Јован')).toBe('sr');
  });
  it('reads ѓ, ќ or ѕ as Macedonian', () => {
    expect(inferCyrillicSystem('Ѓорѓи')).toBe('mk');
  });
  it('falls back to Bulgarian when no letter tells the languages apart', () => {
    expect(DEFAULT_CYRILLIC_SYSTEM).toBe('bg');
    expect(inferCyrillicSystem('ТРАНС ЕООД')).toBe('bg');
    expect(inferCyrillicSystem('Щастлив')).toBe('bg');
  });
});

describe('Bulgarian Streamlined System', () => {
  it('writes щ as sht, ъ as a, х as h, ц as ts, й as y', () => {
    expect(cyrillic('щъх', 'bg')).toBe('shtah');
    expect(cyrillic('цвят', 'bg')).toBe('tsvyat');
    expect(cyrillic('стойков', 'bg')).toBe('stoykov');
  });
  it('writes a word-final ия as ia', () => {
    expect(cyrillic('София', 'bg')).toBe('sofia');
    expect(cyrillic('Ивайло', 'bg')).toBe('ivaylo');
  });
});

describe('Ukrainian national system (2010)', () => {
  it('writes г as h, ґ as g, и as y, х as kh, щ as shch', () => {
    expect(cyrillic('Григорій Ґудзь', 'uk')).toBe('hryhorii gudz');
    expect(cyrillic('Харків', 'uk')).toBe('kharkiv');
    expect(cyrillic('Щербак', 'uk')).toBe('shcherbak');
  });
  it('uses the word-initial forms ye, yi, y, yu, ya only at the start of a word', () => {
    expect(cyrillic('Євген Юрій Їжак Яна', 'uk')).toBe('yevhen yurii yizhak yana');
    expect(cyrillic('Київ Мар’яна', 'uk')).toBe('kyiv mar’iana');
  });
  it('writes зг as zgh', () => {
    expect(cyrillic('Згорани', 'uk')).toBe('zghorany');
  });
  it('drops the soft sign', () => {
    expect(cyrillic('Львів', 'uk')).toBe('lviv');
  });
});

describe('Russian passport system (ICAO 9303)', () => {
  it('writes ы as y, э as e, ё as e, й as i, ъ as ie, ю as iu, я as ia', () => {
    expect(cyrillic('Рыбак Эдуард Алёна', 'ru')).toBe('rybak eduard alena');
    expect(cyrillic('Андрей Юлия Объедков', 'ru')).toBe('andrei iuliia obieedkov');
  });
  it('writes х as kh and щ as shch', () => {
    expect(cyrillic('Хрущёв', 'ru')).toBe('khrushchev');
  });
});

describe('Serbian official Latin, folded', () => {
  it('writes ђ dj, ћ c, џ dz, љ lj, њ nj, ј j, and ш ж ч ц as s z c c', () => {
    expect(cyrillic('Ђорђе Јовановић', 'sr')).toBe('djordje jovanovic');
    expect(cyrillic('Љубиша Његош Џајић', 'sr')).toBe('ljubisa njegos dzajic');
    expect(cyrillic('Шабац Жарко Чачак', 'sr')).toBe('sabac zarko cacak');
  });
});

describe('Macedonian official romanisation', () => {
  it('writes ѓ gj, ќ kj, ѕ dz, ж zh, ч ch, ш sh', () => {
    expect(cyrillic('Ѓорѓи Ќирил Ѕвездан Жарко Чаушев', 'mk')).toBe('gjorgji kjiril dzvezdan zharko chaushev');
  });
});

describe('Greek ELOT 743', () => {
  it('transliterates letters and drops accents', () => {
    expect(transliterateGreek('παπαδόπουλος')).toBe('papadopoulos');
    expect(transliterateGreek('θεσσαλονίκη')).toBe('thessaloniki');
    expect(transliterateGreek('χανιά ψυχή')).toBe('chania psychi');
  });
  it('writes αυ, ευ as av, ev before a voiced sound and af, ef before a voiceless one', () => {
    expect(transliterateGreek('ευάγγελος')).toBe('evangelos');
    expect(transliterateGreek('αυτοκίνητο')).toBe('aftokinito');
    expect(transliterateGreek('ευθύμιος')).toBe('efthymios');
  });
  it('keeps vowels apart where a diaeresis stands', () => {
    expect(transliterateGreek('προϋπόθεση')).toBe('proypothesi');
  });
  it('writes γγ, γξ, γχ with n, and μπ as b at the start of a word and mp inside', () => {
    expect(transliterateGreek('άγγελος σφίγξ άγχος')).toBe('angelos sfinx anchos');
    expect(transliterateGreek('μπάμπης')).toBe('bampis');
  });
  it('leaves other characters alone', () => {
    expect(transliterateGreek('abc 123 - ω')).toBe('abc 123 - o');
  });
});

describe('the system of a country', () => {
  it('names the national system of the countries that write in Cyrillic, and none for others', () => {
    expect(cyrillicSystemOfCountry('UA')).toBe('uk');
    expect(cyrillicSystemOfCountry('BG')).toBe('bg');
    expect(cyrillicSystemOfCountry('RU')).toBe('ru');
    expect(cyrillicSystemOfCountry('PL')).toBeNull();
    expect(cyrillicSystemOfCountry(null)).toBeNull();
  });
  it('tells a name that says its language from one that does not', () => {
    expect(distinctiveCyrillicSystem('Григорій')).toBe('uk');
    expect(distinctiveCyrillicSystem('Тарас Мельник')).toBeNull();
  });
});
