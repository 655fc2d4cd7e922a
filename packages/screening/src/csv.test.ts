import { describe, expect, it } from 'vitest';
import { decodeLatin1, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('keeps commas and doubled quotes inside quoted fields', () => {
    expect(parseCsv('1,"ANGLO-CARIBBEAN CO., LTD.","say ""hi"""\r\n')).toEqual([
      ['1', 'ANGLO-CARIBBEAN CO., LTD.', 'say "hi"'],
    ]);
  });

  it('reads CRLF and LF rows, line breaks inside quotes, empty fields and a trailing comma', () => {
    expect(parseCsv('a,,c\r\n"multi\nline",b,\nlast')).toEqual([
      ['a', '', 'c'],
      ['multi\nline', 'b', ''],
      ['last'],
    ]);
  });

  it("drops OFAC's DOS end-of-file byte and blank lines", () => {
    expect(parseCsv('1,"X"\r\n\r\n2,"Y"\r\n\x1a')).toEqual([
      ['1', 'X'],
      ['2', 'Y'],
    ]);
  });

  it('keeps OFAC empty markers as they are (the list parser reads them)', () => {
    expect(parseCsv('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"')).toEqual([
      ['36', 'AEROCARIBBEAN AIRLINES', '-0- ', 'CUBA'],
    ]);
  });
});

describe('decodeLatin1', () => {
  it('decodes latin-1 bytes, which are not valid UTF-8', () => {
    // "MÜLLER, José" in latin-1: Ü = 0xDC, é = 0xE9.
    const bytes = Uint8Array.from([0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52, 0x2c, 0x20, 0x4a, 0x6f, 0x73, 0xe9]);
    expect(decodeLatin1(bytes)).toBe('MÜLLER, José');
    expect(new TextDecoder('utf-8').decode(bytes)).not.toBe('MÜLLER, José');
  });
});
