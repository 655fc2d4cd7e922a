import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ApiError, ERROR_KINDS, type ErrorKind, FIELD_ISSUES, type FieldIssue } from './api-error.js';
import { renderAccounts } from './render-accounts.js';
import { renderV1 } from './render-v1.js';
import { renderV2 } from './render-v2.js';

// The root README's table of errors is the partners' reference: every kind and field issue, as rendered.
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

interface Row {
  kind: string;
  status: number;
  v2: string;
  v1: string;
  accounts: string;
}

/** A cell's code without its backticks and the † of a code no seed defines. */
const code = (cell: string) => cell.replace(/†/g, '').replace(/`/g, '').trim();

function tableRows(): Row[] {
  const section = readme.slice(readme.indexOf('## Errors'));
  return section
    .split('\n')
    .filter((line) => /^\| `[a-z_]+(: [a-z_]+)?`/.test(line))
    .map((line) => {
      const [kind, status, v2, v1, accounts] = line.split('|').slice(1, 6).map(code) as string[];
      // `none (...)`: the family writes no code for it.
      const accountsCode = accounts!.startsWith('none') ? 'none' : accounts!;
      return { kind: kind!, status: Number(status), v2: v2!, v1: v1!, accounts: accountsCode };
    });
}

function errorOf(kind: string): ApiError {
  if (!kind.startsWith('validation: ')) return new ApiError(kind as ErrorKind, 'x');
  const issue = kind.slice('validation: '.length) as FieldIssue;
  return ApiError.validation([{ path: 'f', issue, message: 'x', minimum: 1, maximum: 2 }]);
}

it('lists every error kind and every field issue once', () => {
  const kinds = tableRows().map((r) => r.kind);
  const expected = [
    ...FIELD_ISSUES.map((issue) => `validation: ${issue}`),
    ...ERROR_KINDS.filter((k) => k !== 'validation'),
  ];
  expect([...kinds].sort()).toEqual([...expected].sort());
});

it('says what each family renders for each row', () => {
  for (const row of tableRows()) {
    const err = errorOf(row.kind);
    const accounts = renderAccounts(err, 't').errors[0]?.code;
    expect(
      {
        kind: row.kind,
        status: err.status,
        v2: renderV2(err).error.code,
        v1: renderV1(err).errors[0]?.error_code,
        accounts: accounts ?? 'none',
      },
      row.kind,
    ).toEqual(row);
  }
});
