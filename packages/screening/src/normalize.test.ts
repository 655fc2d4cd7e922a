import { describe, expect, it } from 'vitest';
import { nameTokens, normalizeName } from './normalize.js';
import { foldTransliteration } from './transliterate.js';

describe('normalizeName', () => {
  it('removes accents, case and punctuation', () => {
    expect(normalizeName('José  MÜLLER-Łukasz')).toBe('jose muller lukasz');
    expect(normalizeName("Sa'd O’Brien")).toBe('sad obrien');
  });

  it("turns a list's LAST, First Middle into first middle last", () => {
    expect(normalizeName('OLIVAS OJEDA, Jesus Joaquin')).toBe('jesus joaquin olivas ojeda');
    expect(normalizeName("AL-TIKRITI, Sa'd abd-al-Majid")).toBe('sad abd al majid al tikriti');
  });

  it('leaves company names in order and joins initials', () => {
    expect(normalizeName('CIMEX, S.A.', false)).toBe('cimex sa');
    expect(normalizeName('ANGLO-CARIBBEAN CO., LTD.', false)).toBe('anglo caribbean co ltd');
  });

  it('gives no tokens for a name of punctuation only', () => {
    expect(nameTokens(' -- ')).toEqual([]);
  });
});

describe('foldTransliteration', () => {
  it('brings transliterations of one name together', () => {
    expect(foldTransliteration('mohammad')).toBe(foldTransliteration('muhammad'));
    expect(foldTransliteration('youssef')).toBe(foldTransliteration('yusef'));
    expect(foldTransliteration('khaled')).toBe(foldTransliteration('haled'));
    expect(foldTransliteration('hekmatyar')).toBe(foldTransliteration('hekmatiar'));
  });

  it('keeps different names apart', () => {
    expect(foldTransliteration('george')).not.toBe(foldTransliteration('gregory'));
    expect(foldTransliteration('bush')).not.toBe(foldTransliteration('habbash'));
  });
});
