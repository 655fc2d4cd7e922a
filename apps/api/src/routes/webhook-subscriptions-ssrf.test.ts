// The SSRF guard at subscription time, with private networks refused (the production default):
// IPv6 literals that embed a non-global IPv4 address, and the port policy.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../testing/harness.js';

let api: TestApi;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  api = await startTestApi();
  call = client(api.url, (await api.createTenant()).apiKey);
});
afterAll(() => api.stop());

const subscribe = (url: string) =>
  call('POST', '/v2/webhook-subscriptions', { url, eventTypes: ['Account.UPDATE'] });

it('refuses IPv6 literals that carry a loopback, link-local or private IPv4 address', async () => {
  for (const url of [
    'http://[::127.0.0.1]/',
    'http://[::a9fe:a9fe]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[::10.0.0.1]:8080/',
  ]) {
    const res = await subscribe(url);
    expect(res.status, url).toBe(400);
    expect(res.body.error.fieldErrors, url).toEqual([
      expect.objectContaining({ field: 'url', error: expect.stringMatching(/must not resolve to/) }),
    ]);
  }
});

it('allows ports 80, 443 and 1024 and above, and refuses the other privileged ports', async () => {
  for (const url of [
    'https://8.8.8.8/',
    'http://8.8.8.8/',
    'https://8.8.8.8:8443/',
    'http://8.8.8.8:1024/',
  ]) {
    expect((await subscribe(url)).status, url).toBe(201);
  }
  for (const url of [
    'http://8.8.8.8:22/',
    'https://8.8.8.8:25/',
    'http://8.8.8.8:1023/',
    'https://8.8.8.8:444/',
  ]) {
    const res = await subscribe(url);
    expect(res.status, url).toBe(400);
    expect(res.body.error.fieldErrors[0]).toMatchObject({
      field: 'url',
      error: 'must use port 80, 443 or 1024-65535',
    });
  }
});
