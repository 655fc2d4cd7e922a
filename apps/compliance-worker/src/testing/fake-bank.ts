import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface BankRequest {
  headers: Record<string, string | undefined>;
  body: string;
}

export interface FakeBank {
  url: string;
  /** Every request the bank received, in order. */
  received: BankRequest[];
  /** The HTTP status the bank answers the next requests with. */
  answerWith(status: number): void;
  close(): Promise<void>;
}

/** A partner bank's API on a loopback port: records each request and answers a chosen status. */
export async function startFakeBank(): Promise<FakeBank> {
  const received: BankRequest[] = [];
  let status = 202;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status < 300 ? '{"ok":true}' : '{"error":"no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/virtual-accounts`,
    received,
    answerWith: (s) => {
      status = s;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
