import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  jaro,
  jaroWinkler,
  setSimilarity,
  softTokenSimilarity,
  tokenContainment,
  tokenSetSimilarity,
  trigramSimilarity,
  trigrams,
} from './similarity.js';

describe('trigrams as pg_trgm makes them', () => {
  it('pads each word with two spaces in front and one behind', () => {
    expect([...trigrams('word')].sort()).toEqual(['  w', ' wo', 'ord', 'rd ', 'wor']);
  });
  it('lower-cases and splits on anything not a letter or digit', () => {
    expect([...trigrams('A.b')].sort()).toEqual(['  a', '  b', ' a ', ' b ']);
    expect(trigrams('Hello, World')).toEqual(trigrams('hello world!'));
  });
  it('counts each trigram once', () => {
    expect(trigrams('aaaa aaaa').size).toBe(trigrams('aaaa').size);
  });
});

// Expected values were read from PostgreSQL: select similarity(a, b) with pg_trgm (PGlite).
describe('trigram similarity agrees with pg_trgm', () => {
  it.each([
    ['word', 'two words', 0.36363637],
    ['trans pol', 'transpol', 0.5833333],
    ['ivan petrov', 'petrov ivan', 1],
    ['a.b.c', 'abc', 0.11111111],
    ['baltic cargo', 'baltik kargo', 0.44444445],
    ['x', 'x', 1],
    ['Hello, World', 'hello world!', 1],
    ['shchukin dmitrii', 'dmitry shchukin', 0.7368421],
    ['abc', '', 0],
    ['', '', 0],
  ])('similarity(%j, %j) = %f', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
  });
  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = trigramSimilarity(a, b);
        expect(s).toBe(trigramSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('set similarity', () => {
  it('is shared over the union, 0 when either set is empty', () => {
    expect(setSimilarity(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBe(0.5);
    expect(setSimilarity(new Set(), new Set([1]))).toBe(0);
  });
});

describe('Jaro and Jaro–Winkler', () => {
  it('give the textbook values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944444, 5);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961111, 5);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 5);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813333, 5);
  });
  it('are 1 for equal strings and 0 when nothing matches', () => {
    expect(jaroWinkler('kowalski', 'kowalski')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('do not raise a weak Jaro score for a shared prefix', () => {
    expect(jaroWinkler('abcdxyz', 'abcdpqrs')).toBe(jaro('abcdxyz', 'abcdpqrs'));
  });
});

describe('token comparisons', () => {
  it('token set similarity ignores order and repeats', () => {
    expect(tokenSetSimilarity(['ivan', 'petrov'], ['petrov', 'ivan', 'ivan'])).toBe(1);
    expect(tokenSetSimilarity(['baltic', 'cargo'], ['baltic', 'trans'])).toBeCloseTo(1 / 3, 10);
  });
  it('token containment is 1 when one name’s words are all in the other', () => {
    expect(tokenContainment(['trans'], ['trans', 'logistic'])).toBe(1);
    expect(tokenContainment(['trans', 'pol'], ['trans', 'logistic'])).toBe(0.5);
    expect(tokenContainment([], ['trans'])).toBe(0);
  });
  it('soft token similarity forgives a typo in each word and any order', () => {
    expect(softTokenSimilarity(['dmitrii', 'shchukin'], ['shchukin', 'dmitry'])).toBeGreaterThan(0.9);
    expect(softTokenSimilarity(['baltic', 'cargo'], ['nordic', 'express'])).toBeLessThan(0.7);
  });
});

describe('Damerau–Levenshtein distance (optimal string alignment)', () => {
  it('counts one keyboard slip as 1: a letter wrong, missed, doubled, or two neighbours swapped', () => {
    expect(damerauLevenshtein('mark', 'mrak')).toBe(1);
    expect(damerauLevenshtein('turner', 'turmer')).toBe(1);
    expect(damerauLevenshtein('zsolt', 'zsot')).toBe(1);
    expect(damerauLevenshtein('expres', 'expres')).toBe(0);
    expect(damerauLevenshtein('expres', 'exxpres')).toBe(1);
  });
  it('gives the textbook values, editing no substring twice', () => {
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('petrov', 'popov')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3); // 2 in unrestricted Damerau–Levenshtein
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('łódź', 'lodz')).toBe(3); // code points, not folded
  });
  it('is symmetric, 0 only for equal strings, and at most the longer length', () => {
    const word = fc.string({ unit: 'grapheme-ascii', maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = damerauLevenshtein(a, b);
        expect(damerauLevenshtein(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
      }),
      { numRuns: 500 },
    );
  });
});
