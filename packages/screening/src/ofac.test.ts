import { describe, expect, it } from 'vitest';
import { parseBlackList, parseOfacCsv } from './ofac.js';

const SDN = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '7471,"HEKMATYAR, Gulbuddin","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Aug 1949; POB Konduz Province, Afghanistan."',
  '15573,"MOZAFFARINIA, Reza","individual","NPWMD] [IFSR","Deputy Minister",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1959; alt. DOB 1960."',
  '9999,"SEA STAR","vessel","IRAN",-0- ,"EPBZ","Crude Oil Tanker",-0- ,-0- ,"Iran",-0- ,-0- ',
  ',"NO ID",-0- ,-0- ',
].join('\r\n');
const ALT = [
  '36,12,"aka","AERO-CARIBBEAN",-0- ',
  '7471,5350,"aka","HEKMATIAR, Gulbuddin",-0- ',
  '7471,5351,"fka","HEKMATYAR, Gulabudin",-0- ',
].join('\r\n');

describe('parseOfacCsv', () => {
  const entries = parseOfacCsv(SDN, ALT);

  it('reads ids, names, subject types and programmes, and skips rows without an id', () => {
    expect(entries.map((e) => [e.id, e.name, e.subject, e.programs])).toEqual([
      ['36', 'AEROCARIBBEAN AIRLINES', 'entity', ['CUBA']],
      ['7471', 'HEKMATYAR, Gulbuddin', 'individual', ['SDGT']],
      ['15573', 'MOZAFFARINIA, Reza', 'individual', ['NPWMD', 'IFSR']],
      ['9999', 'SEA STAR', 'vessel', ['IRAN']],
    ]);
  });

  it('attaches aliases from alt.csv to their entry', () => {
    expect(entries[1]?.aliases).toEqual([
      { name: 'HEKMATIAR, Gulbuddin', kind: 'aka' },
      { name: 'HEKMATYAR, Gulabudin', kind: 'fka' },
    ]);
    expect(entries[2]?.aliases).toEqual([]);
  });

  it('reads birthdates from Remarks', () => {
    expect(entries[1]?.birthdates.map((b) => b.from)).toEqual(['1949-08-01']);
    expect(entries[2]?.birthdates.map((b) => b.text)).toEqual(['1959', '1960']);
    expect(entries[0]?.birthdates).toEqual([]);
  });

  it('tags entries as sanctions list entries unless told otherwise', () => {
    expect(new Set(entries.map((e) => e.listType))).toEqual(new Set(['SL']));
    expect(parseOfacCsv(SDN, ALT, { listType: 'PEP' })[0]?.listType).toBe('PEP');
  });
});

describe('parseBlackList', () => {
  it("reads a tenant's list in the same format and tags it BL", () => {
    const entries = parseBlackList(
      '1,"DOE, Jane","individual","TENANT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 02 Feb 1990."',
    );
    expect(entries).toMatchObject([{ listType: 'BL', id: '1', name: 'DOE, Jane', subject: 'individual' }]);
    expect(entries[0]?.birthdates[0]?.from).toBe('1990-02-02');
  });
});
