import { describe, expect, it } from 'vitest';
import { findBirthdate, parseBirthdateText, parseQueryBirthdate, parseRemarksBirthdates } from './dob.js';

const span = (remarks: string) => parseRemarksBirthdates(remarks).map((b) => [b.from, b.to, b.exact]);

describe('parseRemarksBirthdates', () => {
  it('reads an exact day', () => {
    expect(span('DOB 04 Jul 1961; POB Kabul')).toEqual([['1961-07-04', '1961-07-04', true]]);
  });

  it('reads a year, a month and a full month name', () => {
    expect(span('DOB 1961;')).toEqual([['1961-01-01', '1961-12-31', false]]);
    expect(span('DOB Feb 1964')).toEqual([['1964-02-01', '1964-02-29', false]]);
    expect(span('DOB: 10 October 1969')).toEqual([['1969-10-10', '1969-10-10', true]]);
  });

  it('widens circa by a year on each side', () => {
    expect(span('DOB circa 1961')).toEqual([['1960-01-01', '1962-12-31', false]]);
    expect(span('DOB circa 1979-1982')).toEqual([['1978-01-01', '1983-12-31', false]]);
  });

  it('reads ranges of days and of years', () => {
    expect(span('DOB 01 Jan 1958 to 31 Dec 1962')).toEqual([['1958-01-01', '1962-12-31', false]]);
    expect(span('DOB 1987 to 1989.')).toEqual([['1987-01-01', '1989-12-31', false]]);
  });

  it('collects alternative birthdates and skips what it cannot read', () => {
    expect(
      span('DOB 31 Dec 1955; alt. DOB 1960; alt. DOB 31 Feb 1970; alt. DOB unknown; POB Mumbai'),
    ).toEqual([
      ['1955-12-31', '1955-12-31', true],
      ['1960-01-01', '1960-12-31', false],
    ]);
  });

  it('does not take names or other remarks for birthdates', () => {
    expect(parseRemarksBirthdates("a.k.a. 'DOBA'; POB Havana; Passport 123")).toEqual([]);
  });
});

describe('parseBirthdateText', () => {
  it('keeps the text as written, without a trailing dot', () => {
    expect(parseBirthdateText('circa 1961.')?.text).toBe('circa 1961');
  });
});

describe('parseQueryBirthdate and findBirthdate', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(parseQueryBirthdate('1961-07-04')).toBe('1961-07-04');
    expect(() => parseQueryBirthdate('1961-02-30')).toThrow(RangeError);
    expect(() => parseQueryBirthdate('04.07.1961')).toThrow(RangeError);
  });

  it('finds the list birthdate whose span holds the day', () => {
    const list = parseRemarksBirthdates('DOB 1975; alt. DOB 1974');
    expect(findBirthdate(list, '1974-06-01')?.text).toBe('1974');
    expect(findBirthdate(list, '1976-01-01')).toBeUndefined();
  });
});
