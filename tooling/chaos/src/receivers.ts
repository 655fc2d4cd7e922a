import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a subscriber answers, given how long it has been up. */
export type Behaviour = (uptimeMs: number) => number;

export interface Receiver {
  name: string;
  url: string;
  /** eventIds answered with 200. */
  delivered: Set<string>;
  /** Every request, with the status it got. */
  requests: { eventId: string; status: number; at: number }[];
  close(): Promise<void>;
}

export const always200: Behaviour = () => 200;
export const failsFor =
  (ms: number): Behaviour =>
  (uptime) =>
    uptime < ms ? 500 : 200;
export const gone: Behaviour = () => 410;

/** A webhook subscriber on loopback that records what it receives. */
export async function startReceiver(name: string, behaviour: Behaviour): Promise<Receiver> {
  const started = Date.now();
  const receiver: Omit<Receiver, 'url' | 'close'> = { name, delivered: new Set(), requests: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let eventId = '';
      try {
        eventId = JSON.parse(Buffer.concat(chunks).toString()).eventId ?? '';
      } catch {}
      const status = behaviour(Date.now() - started);
      receiver.requests.push({ eventId, status, at: Date.now() });
      if (status === 200) receiver.delivered.add(eventId);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    ...receiver,
    url: `http://127.0.0.1:${port}/hooks/${name}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  } as Receiver;
}
