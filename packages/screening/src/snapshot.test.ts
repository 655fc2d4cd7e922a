import { beforeAll, describe, expect, it } from 'vitest';
import { loadOfacList } from './load.js';
import { ofacSnapshot2021Paths } from './sample.js';
import { screen } from './screen.js';
import { buildScreeningIndex, type ScreeningIndex } from './screening-index.js';

// The 2021 OFAC SDN snapshot vendored in the package's data folder.
const snapshotPaths = ofacSnapshot2021Paths();
const snapshot = (file: 'sdn.csv' | 'alt.csv'): string =>
  file === 'sdn.csv' ? snapshotPaths.sdnPath : snapshotPaths.altPath;

let index: ScreeningIndex;
beforeAll(async () => {
  index = buildScreeningIndex(
    await loadOfacList({ sdnPath: snapshot('sdn.csv'), altPath: snapshot('alt.csv') }),
  );
});

describe('screening real SDN entries', () => {
  it('loads the whole snapshot: 8,976 entries and 11,910 aliases', () => {
    expect(index.entries).toHaveLength(8976);
    expect(index.entries.reduce((n, e) => n + e.aliases.length, 0)).toBe(11910);
  });

  it('is RED for the same name in another order with the listed birthdate', () => {
    // 7471 HEKMATYAR, Gulbuddin: DOB 01 Aug 1949.
    const result = screen(index, { kind: 'person', name: 'Gulbuddin Hekmatyar', birthdate: '1949-08-01' });
    expect(result).toMatchObject({ trafficLight: 'RED', hitType: 'SL', manualReview: true });
    expect(result.details[0]).toEqual({ name: 'HEKMATYAR, Gulbuddin', birthdate: '1949-08-01' });
  });

  it('is YELLOW for the same name with another or no birthdate', () => {
    const other = screen(index, { kind: 'person', name: 'HEKMATYAR, Gulbuddin', birthdate: '1950-08-01' });
    expect(other).toMatchObject({ trafficLight: 'YELLOW', manualReview: true });
    expect(other.matches[0]).toMatchObject({ entryId: '7471', nameMatch: 'exact', birthdate: 'differs' });
    const none = screen(index, { kind: 'person', name: 'gulbuddin hekmatyar' });
    expect(none.matches[0]).toMatchObject({ trafficLight: 'YELLOW', birthdate: 'unknown' });
  });

  it('is YELLOW for a misspelt name even with the right birthdate', () => {
    const result = screen(index, { kind: 'person', name: 'Gulbudin Hekmatyer', birthdate: '1949-08-01' });
    expect(result.trafficLight).toBe('YELLOW');
    expect(result.matches[0]).toMatchObject({ entryId: '7471', nameMatch: 'fuzzy', birthdate: 'match' });
  });

  it('accepts any day of a year-only, alternative or ranged list birthdate', () => {
    // 15224 FARZAT, Hussein Mahmoud: DOB 1957.
    expect(
      screen(index, { kind: 'person', name: 'Hussein Mahmoud Farzat', birthdate: '1957-05-05' }).trafficLight,
    ).toBe('RED');
    // 13103 SHAKEEL, Chhota: DOB 31 Dec 1955; alt. DOB 1960.
    expect(
      screen(index, { kind: 'person', name: 'Chhota Shakeel', birthdate: '1960-03-03' }).trafficLight,
    ).toBe('RED');
    // 15962 NIKOUSOKHAN, Mahmoud: DOB 01 Jan 1961 to 31 Dec 1962.
    const inRange = screen(index, { kind: 'person', name: 'Mahmoud Nikousokhan', birthdate: '1962-06-01' });
    expect(inRange.trafficLight).toBe('RED');
    expect(inRange.details).toEqual([{ name: 'NIKOUSOKHAN, Mahmoud' }]);
    expect(
      screen(index, { kind: 'person', name: 'Mahmoud Nikousokhan', birthdate: '1963-01-01' }).trafficLight,
    ).toBe('YELLOW');
  });

  it('matches aliases from alt.csv', () => {
    // 15011 AL-BARNAWI, Khalid (DOB 1976), a.k.a. EL-BARNAOUI, Khaled.
    const result = screen(index, { kind: 'person', name: 'Khaled El-Barnaoui', birthdate: '1976-02-02' });
    expect(result.trafficLight).toBe('RED');
    expect(result.matches[0]).toMatchObject({
      entryId: '15011',
      matchedName: 'EL-BARNAOUI, Khaled',
      entryName: 'AL-BARNAWI, Khalid',
    });
  });

  it('matches transliterated spellings', () => {
    const result = screen(index, { kind: 'person', name: 'Muhammad Mir Ali Yousuf' });
    expect(result.trafficLight).toBe('YELLOW');
    expect(result.matches.map((m) => m.entryId)).toContain('23719');
  });

  it('screens companies by exact name, alias and legal form', () => {
    expect(screen(index, { kind: 'company', name: 'Banco Nacional de Cuba' }).trafficLight).toBe('RED');
    const alias = screen(index, { kind: 'company', name: 'National Bank of Cuba S.A.' });
    expect(alias.trafficLight).toBe('RED');
    expect(alias.matches[0]?.entryId).toBe('306');
  });

  it('is GREEN for names on no list, including the George Bush case', () => {
    expect(screen(index, { kind: 'person', name: 'George Bush', birthdate: '1946-07-06' }).trafficLight).toBe(
      'GREEN',
    );
    expect(screen(index, { kind: 'person', name: 'John Smith' }).trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'company', name: 'Acme LLC' }).trafficLight).toBe('GREEN');
  });
});
