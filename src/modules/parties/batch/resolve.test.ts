import { describe, expect, it } from 'vitest';
import type { PartyRecord } from '../../../domain/parties/comparison.js';
import { PartyResolver, type ResolutionOptions, type ResolverOptions } from './resolve.js';

const company = (name: string, overrides: Partial<PartyRecord> = {}): PartyRecord => ({ kind: 'organisation', name, country: 'PL', ...overrides });
const driver = (name: string, dateOfBirth: string | null, overrides: Partial<PartyRecord> = {}): PartyRecord => ({
  kind: 'person',
  name,
  country: 'BG',
  dateOfBirth,
  ...overrides,
});

function resolve(records: readonly PartyRecord[], options: ResolutionOptions & ResolverOptions = {}) {
  const resolver = new PartyResolver({ threads: options.threads });
  for (const record of records) resolver.add(record);
  return resolver.resolve(options);
}
const clusters = async (records: readonly PartyRecord[], options: ResolutionOptions = {}): Promise<number[]> =>
  Array.from((await resolve(records, options)).clusterOf);

describe('batch resolution', () => {
  it('joins one company however it is spelt, numbering clusters by first appearance', async () => {
    expect(
      await clusters([
        company('Wisła Cargo'),
        company('A.B.C. Sp. z o.o.'),
        company('ABC SP ZOO'),
        company('Łódź Trans Sp. z o.o.'),
        company('LODZ TRANS'),
        company('ТРАНС ЕООД', { country: 'BG' }),
        company('Trans EOOD', { country: 'BG' }),
        company('Trans Kowalski Sp. z o.o.'),
        company('Kowalski Trans'),
      ]),
    ).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('joins a misspelt company through its address or its VAT number, but not a renamed one', async () => {
    const address = { address: 'ul. Piotrkowska 120, Łódź', postcode: '90-006' };
    const vat = (value: string) => ({ identifiers: [{ kind: 'other' as const, value }] });
    expect(
      await clusters([
        company('Kowalczyk Logistyka', address),
        company('Kowalczk Logistyka', address),
        company('Marpol Trans', vat('PL 123-456-78-90')),
        company('Marpol Transport', vat('pl1234567890')),
        // Same VAT number, another name: a possible match for a caseworker, not a batch merge.
        company('Wisła Logistics', vat('PL1234567890')),
      ]),
    ).toEqual([0, 0, 1, 1, 2]);
  });

  it('keeps namesakes apart and joins a driver written in two alphabets and two word orders', async () => {
    expect(
      await clusters([
        driver('Иван Петров', '1980-03-07'),
        driver('Ivan Petrov', '1975-11-20'),
        driver('PETROV, Ivan', '1980-03-07'),
        driver('Ivan Petrov', null),
        driver('Тарас Мельник', '1964-10-18', { country: 'UA' }),
        driver('Taras Melnyk', '1964-10-18', { country: 'UA' }),
      ]),
    ).toEqual([0, 1, 0, 2, 3, 3]);
  });

  it('never joins a person and a company that share only a name', async () => {
    expect(await clusters([company('Jan Kowalski'), driver('Jan Kowalski', '1970-01-01', { country: 'PL' })])).toEqual([0, 1]);
  });

  it('finds typos by the surviving half of the name and by the date of birth', async () => {
    expect(
      await clusters([
        driver('Stoyan Kolev', '1982-12-20'),
        driver('Stoyan Kolevv', '1982-12-20'),
        company('Transmarinex', { address: 'ul. Długa 5, Gdańsk', postcode: '80-001' }),
        company('Trnsmarinex', { address: 'ul. Długa 5, Gdańsk', postcode: '80-001' }),
      ]),
    ).toEqual([0, 0, 1, 1]);
  });

  it('compares names one slip apart that trigrams put below the medium level', async () => {
    const address = { address: 'ul. Długa 5, Gdańsk', postcode: '80-001' };
    const records = [
      driver('Mrak Turner', '1970-05-01', { country: 'GB' }), // two neighbours swapped
      driver('Mark Turner', '1970-05-01', { country: 'GB' }),
      driver('Ivan Petrov', '1981-02-03'), // a letter wrong, in a short name
      driver('Ivan Petrof', '1981-02-03'),
      company('Euroatlas', address), // one word: met in the prefix block
      company('Euroaltas', address),
      company('Trans Kowal', address), // a letter missed
      company('Trans Kowl', address),
      // One slip only in the default (Bulgarian) reading: "oleh hnat", "oleg gnat", "oleg gant".
      driver('Олег Гнат', '1990-07-08', { country: 'UA' }),
      driver('Олег Гант', '1990-07-08', { country: null }),
      // Compared, but not a match: a person one slip apart in another country.
      driver('Anna Nowak', '1975-03-04', { country: 'PL' }),
      driver('Anna Nowik', '1975-03-04', { country: 'CZ' }),
    ];
    const result = await resolve(records);
    expect(Array.from(result.clusterOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6]);
    expect(result.statistics.typoPairs).toBeGreaterThanOrEqual(4);
  });

  it('meets initials that spell a legal form, moved behind the name, in the words block', async () => {
    // Cores "dd impex" and "impex": only the folded words, legal form included, are the same.
    const ro = { country: 'RO' };
    const result = await resolve([
      company('D.D. Impex S.R.L.', ro),
      company('Impex D.D. S.R.L.', ro),
      company('Transport Serviz С.П.К. АД', { country: 'BG' }),
      company('С.П.К. Transport Serviz АД', { country: 'BG' }),
    ]);
    expect(Array.from(result.clusterOf)).toEqual([0, 0, 1, 1]);
    // Met there, before the fuzzy blocks (which, in a big file, are too big to rely on).
    expect(result.statistics.comparedByBlock.words).toBe(2);
  });

  it('compares a block too big for every pair by sorted neighbourhood, and still finds the match', async () => {
    // Born in different years, months and days: a date one part apart would be a match.
    const namesakes = Array.from({ length: 40 }, (_, i) =>
      driver('Georgi Georgiev', `19${50 + i}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`),
    );
    const result = await resolve([...namesakes, driver('GEORGIEV Georgi', '1971-10-22')], { maxBlockSize: 10, window: 3 });
    expect(result.statistics.windowedBlocks).toBeGreaterThan(0);
    expect(result.clusterOf[40]).toBe(result.clusterOf[21]);
    expect(result.statistics.clusters).toBe(40);
  });

  it('refuses a merge that would grow a cluster past the limit, and counts it', async () => {
    const copies = Array.from({ length: 5 }, () => company('Euro Cargo Sp. z o.o.'));
    const result = await resolve(copies, { maxClusterSize: 3 });
    expect(result.statistics.largestCluster).toBe(3);
    expect(result.statistics.refusedMerges).toBeGreaterThan(0);
    expect(result.statistics.clusters).toBe(2);
  });

  it('finds the same clusters when a second thread scores the pairs', async () => {
    const words = ['Wisła', 'Odra', 'Warta', 'Bug', 'Narew', 'Pilica', 'Soła', 'Raba', 'San', 'Wieprz'];
    const records: PartyRecord[] = [];
    for (const [i, a] of words.entries()) {
      for (const b of words.slice(0, 6)) {
        records.push(company(`${a} ${b} Trans Sp. z o.o.`), company(`${a.toUpperCase()}-${b} TRANS SP ZOO`));
        records.push(driver(`${a} ${b}ski`, `19${60 + i}-0${1 + (b.length % 9)}-1${i}`), driver(`${b}ski, ${a}`, `19${60 + i}-0${1 + (b.length % 9)}-1${i}`));
      }
    }
    const alone = await resolve(records);
    const withThread = await resolve(records, { threads: 2 });
    expect(Array.from(withThread.clusterOf)).toEqual(Array.from(alone.clusterOf));
    expect(withThread.statistics.clusters).toBeLessThan(records.length / 2 + 1);
  });

  it('resolves nothing to nothing', async () => {
    expect((await resolve([])).statistics).toMatchObject({ records: 0, clusters: 0, comparedPairs: 0 });
  });
});
