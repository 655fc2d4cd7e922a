import { describe, expect, it } from 'vitest';
import { parseOfacCsv } from './ofac.js';
import { screen } from './screen.js';
import { buildScreeningIndex } from './screening-index.js';

const row = (id: number, name: string, type = '-0- ') =>
  `${id},"${name}",${type === '-0- ' ? type : `"${type}"`},"TEST",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `;

// Watchman's known false positives: a shared common given name, a shared legal form.
const index = buildScreeningIndex(
  parseOfacCsv(
    [
      row(1, 'HABBASH, George', 'individual'),
      row(2, 'BUSHEHRI, George', 'individual'),
      row(3, 'XANADU TRADING LLC'),
      row(4, 'EMMAR GROUP LLC'),
      row(5, 'NOVA LLC'),
      row(6, 'EMMA TELECOM LTD'),
      row(7, 'IBRAHIM, Mohammed Abdullah Ali Baki', 'individual'),
      row(8, 'AL-HASSAN, Mohammed Ali', 'individual'),
      row(9, 'ALI, Omar Khoury', 'individual'),
    ].join('\n'),
  ),
);

describe('false-positive guards', () => {
  it('does not flag George Bush because of George HABBASH', () => {
    expect(screen(index, { kind: 'person', name: 'George Bush' }).trafficLight).toBe('GREEN');
  });

  it('does not flag a common given name alone', () => {
    expect(screen(index, { kind: 'person', name: 'George' }).trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'person', name: 'George Smith' }).trafficLight).toBe('GREEN');
  });

  it('still flags the listed person under a misspelt surname', () => {
    const result = screen(index, { kind: 'person', name: 'George Habash' });
    expect(result.trafficLight).toBe('YELLOW');
    expect(result.matches[0]?.entryId).toBe('1');
  });

  it('does not let common given names outweigh a distinctive name that differs', () => {
    // Without the guard this scores about 0.96: four common names agree, only Zaki/Baki differs.
    const result = screen(index, { kind: 'person', name: 'Mohammed Abdullah Ibrahim Ali Zaki' });
    expect(result.trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'person', name: 'Mohammed Abdullah Ibrahim Ali Baky' }).trafficLight).toBe(
      'YELLOW',
    );
  });

  it('flags a name made only of common names when every one of them agrees', () => {
    const result = screen(index, { kind: 'person', name: 'Mohamed Ali Hasan' });
    expect(result.trafficLight).toBe('YELLOW');
    expect(result.matches.map((m) => m.entryId)).toEqual(['8']);
    expect(screen(index, { kind: 'person', name: 'Omar Ali' }).trafficLight).toBe('GREEN');
  });

  it('does not flag EMMA LLC because other companies are LLCs too', () => {
    const result = screen(index, { kind: 'company', name: 'EMMA LLC' });
    expect(result.trafficLight).toBe('GREEN');
    expect(screen(index, { kind: 'company', name: 'Acme L.L.C.' }).trafficLight).toBe('GREEN');
  });

  it('matches a company whatever legal form it is written with', () => {
    const result = screen(index, { kind: 'company', name: 'Xanadu Trading Limited' });
    expect(result.trafficLight).toBe('RED');
    expect(result.details).toEqual([{ name: 'XANADU TRADING LLC' }]);
  });

  it('does not match on a generic company word', () => {
    expect(screen(index, { kind: 'company', name: 'Zenith Trading GmbH' }).trafficLight).toBe('GREEN');
  });
});
