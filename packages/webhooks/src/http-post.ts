import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  addressRange,
  guardedLookup,
  isAllowedPort,
  isPublicAddress,
  PORT_POLICY,
  urlHost,
} from './address-guard.js';

/** How much of a subscriber's answer is kept, and how much is read at most to reuse the socket. */
export const RESPONSE_PREFIX_BYTES = 1024;
const DRAIN_LIMIT_BYTES = 64 * 1024;
/** Per origin; keeps one subscriber from taking every socket, and is polite to it. */
const MAX_SOCKETS_PER_ORIGIN = 128;

export interface HttpResult {
  statusCode?: number;
  /** Why no status was received: timeout, refused address, connection error. */
  error?: string;
  retryAfter?: string;
  bodyPrefix?: string;
  durationMs: number;
}

export interface HttpSenderOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * POSTs webhook bodies. Never follows redirects (node:http does not), connects only to addresses
 * the SSRF guard passed (the guarded lookup hands the checked address to the socket), and gives
 * each attempt one deadline for connect, headers and body together.
 */
export class HttpSender {
  readonly #options: HttpSenderOptions;
  readonly #lookup: ReturnType<typeof guardedLookup>;
  // Idle sockets close before the usual 5 s keep-alive of servers, so a reused one is rarely dead.
  readonly #http = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN, timeout: 4000 });
  readonly #https = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN, timeout: 4000 });

  constructor(options: HttpSenderOptions) {
    this.#options = options;
    this.#lookup = guardedLookup(options.allowPrivateNetworks);
  }

  post(urlText: string, headers: Record<string, string>, body: string): Promise<HttpResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(urlText);
    const host = urlHost(url);
    if (isIP(host) && !this.#options.allowPrivateNetworks && !isPublicAddress(host)) {
      return Promise.resolve({ error: `blocked: ${host} is a ${addressRange(host)} address`, durationMs: 0 });
    }
    if (!this.#options.allowPrivateNetworks && !isAllowedPort(url)) {
      return Promise.resolve({ error: `blocked: webhooks must use ${PORT_POLICY}`, durationMs: 0 });
    }
    const secure = url.protocol === 'https:';
    return new Promise((resolve) => {
      let settled = false;
      let response: Pick<HttpResult, 'statusCode' | 'retryAfter'> = {};
      const chunks: Buffer[] = [];
      let kept = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const bodyPrefix = Buffer.concat(chunks).toString('utf8').replaceAll('\u0000', '');
        if (response.statusCode === undefined)
          resolve({ error: clip(error ?? 'no response'), durationMs: elapsed() });
        else resolve({ ...response, bodyPrefix, durationMs: elapsed() });
      };
      let request: http.ClientRequest;
      try {
        request = (secure ? https : http).request({
          protocol: url.protocol,
          hostname: host,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          agent: secure ? this.#https : this.#http,
          lookup: this.#lookup,
          headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
        });
      } catch (err) {
        return finish((err as Error).message);
      }
      timer = setTimeout(() => {
        finish(`timeout after ${this.#options.timeoutMs} ms`);
        request.destroy();
      }, this.#options.timeoutMs);
      request.on('error', (err) => finish(err.message));
      request.on('response', (res) => {
        const retryAfter = res.headers['retry-after'];
        response = { statusCode: res.statusCode ?? 0, ...(retryAfter && { retryAfter }) };
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_PREFIX_BYTES) {
            const part = chunk.subarray(0, RESPONSE_PREFIX_BYTES - kept);
            chunks.push(part);
            kept += part.length;
          }
          seen += chunk.length;
          // Past the limit the socket is not worth reusing: drop it instead of reading on.
          if (seen > DRAIN_LIMIT_BYTES) {
            finish();
            res.destroy();
          }
        });
        res.on('end', () => finish());
        res.on('close', () => finish());
        res.on('error', () => finish());
      });
      request.end(body);
    });
  }

  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
