const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const DOS_EOF = 0x1a;

/** Decodes bytes of a latin-1 file (OFAC's legacy CSVs are latin-1, not UTF-8). */
export function decodeLatin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

function nextDelimiter(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CR || c === LF) return i;
    i++;
  }
  return i;
}

/** Reads a quoted field from its opening quote; returns the value and the index after the closing quote. */
function readQuoted(text: string, open: number): [string, number] {
  let value = '';
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) return [value + text.slice(from), text.length];
    value += text.slice(from, close);
    if (text.charCodeAt(close + 1) !== QUOTE) return [value, close + 1];
    value += '"';
    from = close + 2;
  }
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF rows.
 * OFAC files end with a DOS end-of-file byte (0x1A), which is dropped. Blank lines are skipped.
 */
export function parseCsv(input: string): string[][] {
  let end = input.length;
  while (end > 0 && (input.charCodeAt(end - 1) === DOS_EOF || /\s/.test(input.charAt(end - 1)))) end--;
  const text = input.slice(0, end);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const [value, after] = readQuoted(text, i);
      // Anything between a closing quote and the delimiter is kept rather than lost.
      const stop = nextDelimiter(text, after);
      field = value + text.slice(after, stop);
      i = stop;
    } else {
      const stop = nextDelimiter(text, i);
      field = text.slice(i, stop);
      i = stop;
    }
    row.push(field);
    if (i >= text.length) break;
    if (text.charCodeAt(i) === COMMA) {
      i++;
      if (i === text.length) row.push('');
      continue;
    }
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  }
  if (row.length > 0 && !(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}
