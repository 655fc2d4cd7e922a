import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedRequest {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
  eventId: string;
  /** The account id in the payload. */
  accountId: string;
  status: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Never answer (until the receiver closes): the dispatcher must time out. */
  hang?: boolean;
}

export type Responder = (request: ReceivedRequest, count: number) => Reply;

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** A webhook subscriber on 127.0.0.1 that records every request and answers as told (200 by default). */
export async function startReceiver(responder: Responder = () => ({ status: 200 })): Promise<Receiver> {
  let current = responder;
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: { eventId?: string; payload?: { id?: string; status?: string } } = {};
      try {
        parsed = JSON.parse(body);
      } catch {}
      const received: ReceivedRequest = {
        at: Date.now(),
        headers: req.headers,
        body,
        eventId: parsed.eventId ?? '',
        accountId: parsed.payload?.id ?? '',
        status: parsed.payload?.status ?? '',
      };
      requests.push(received);
      const reply = current(received, requests.length);
      if (reply.hang) return;
      const send = () => res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    respond: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
