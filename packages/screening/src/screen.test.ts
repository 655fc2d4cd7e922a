import { describe, expect, it } from 'vitest';
import { parseBlackList, parseOfacCsv } from './ofac.js';
import { screen } from './screen.js';
import { buildScreeningIndex, buildScreeningIndexAsync } from './screening-index.js';

const SL = parseOfacCsv(
  [
    '10,"KARAVANOV, Dmitri","individual","DEMO",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1970."',
    '11,"MERIDIAN SHADOW TRADING",-0- ,"DEMO",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '12,"SEA EXAMPLE","vessel","DEMO",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  ].join('\n'),
  '10,1,"aka","KARAWANOW, Dmitriy",-0- ',
);
const BL = parseBlackList(
  [
    '1,"ROSSI, Paolo","individual","TENANT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1980."',
    '2,"KARAVANOV, Dmitri","individual","TENANT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1970."',
  ].join('\n'),
);
const index = buildScreeningIndex([...SL, ...BL]);

describe('screen with several lists', () => {
  it('reports a black-list hit as BL', () => {
    const result = screen(index, { kind: 'person', name: 'Paolo Rossi', birthdate: '1980-05-01' });
    expect(result).toMatchObject({ trafficLight: 'RED', hitType: 'BL', manualReview: true });
    expect(result.details).toEqual([{ name: 'ROSSI, Paolo' }]);
  });

  it('lists every list that holds the person, sanctions first', () => {
    const result = screen(index, { kind: 'person', name: 'Dmitri Karavanov', birthdate: '1970-03-12' });
    expect(result.hitType).toBe('SL');
    expect(result.matches.map((m) => m.listType)).toEqual(['SL', 'BL']);
    expect(result.details).toEqual([
      { name: 'KARAVANOV, Dmitri', birthdate: '1970-03-12' },
      { name: 'KARAVANOV, Dmitri', birthdate: '1970-03-12' },
    ]);
  });

  it('is GREEN, without review, for someone on no list', () => {
    expect(screen(index, { kind: 'person', name: 'Paola Bianchi' })).toEqual({
      trafficLight: 'GREEN',
      manualReview: false,
      details: [],
      score: 0,
      matches: [],
    });
  });
});

describe('screen rules', () => {
  it('matches an alias, in any token order', () => {
    const result = screen(index, { kind: 'person', name: 'Dmitriy KARAWANOW', birthdate: '1970-03-12' });
    expect(result.trafficLight).toBe('RED');
    expect(result.matches[0]?.matchedName).toBe('KARAWANOW, Dmitriy');
  });

  it('compares persons with individuals only and companies with entities only', () => {
    expect(screen(index, { kind: 'person', name: 'Meridian Shadow Trading' }).trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'company', name: 'Karavanov Dmitri' }).trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'company', name: 'Sea Example' }).trafficLight).toBe('GREEN');
  });

  it('ignores birthdates for companies: an exact company name is RED', () => {
    const result = screen(index, { kind: 'company', name: 'Meridian Shadow Trading' });
    expect(result).toMatchObject({ trafficLight: 'RED', hitType: 'SL' });
    expect(result.matches[0]?.birthdate).toBe('not-applicable');
  });

  it('rejects an empty name and a malformed birthdate', () => {
    expect(() => screen(index, { kind: 'person', name: '  ' })).toThrow(TypeError);
    expect(() => screen(index, { kind: 'person', name: 'Paolo Rossi', birthdate: '1980' })).toThrow(
      RangeError,
    );
  });

  it('honours maxMatches and fuzzyThreshold', () => {
    const query = { kind: 'person', name: 'Dmitri Karavanov' } as const;
    expect(screen(index, query, { maxMatches: 1 }).matches).toHaveLength(1);
    expect(
      screen(index, { kind: 'person', name: 'Dmytro Karavanof' }, { fuzzyThreshold: 0.99 }).trafficLight,
    ).toBe('GREEN');
    expect(screen(index, { kind: 'person', name: 'Dmytro Karavanof' }).trafficLight).toBe('YELLOW');
  });
});

describe('buildScreeningIndexAsync', () => {
  it('builds the same index as buildScreeningIndex and lets other work run meanwhile', async () => {
    const entries = [...SL, ...BL];
    let ranMeanwhile = false;
    setImmediate(() => {
      ranMeanwhile = true;
    });
    const built = await buildScreeningIndexAsync(entries, { yieldEvery: 1 });
    expect(ranMeanwhile).toBe(true);
    const query = { kind: 'person', name: 'Dmitri Karavanov', birthdate: '1970-03-12' } as const;
    expect(screen(built, query)).toEqual(screen(index, query));
  });
});
