import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import headlessChromium from '@sparticuz/chromium';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/harness.js';

// A headless Chromium shipped inside an npm package (@sparticuz/chromium, Linux x64 and arm64), so
// the test runs on a fresh machine that has only Node.js. Unpacked into the temp folder on first use.
const ARGS = [
  ...headlessChromium.args,
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let api: TestApi;
let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  api = await startTestApi();
  profile = await mkdtemp(join(tmpdir(), 'wallet-docs-chromium-'));
  // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: await headlessChromium.executablePath(),
    headless: true,
    args: ARGS,
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await api?.stop();
});

describe('GET /docs', () => {
  it('renders the reference offline, with the change-notification operation', async () => {
    const origin = new URL(api.url).origin;
    const outside: string[] = [];
    // Anything but the API itself is cut off, as on a machine without the internet.
    await browser.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await browser.newPage();
    const scripts: { url: string; status: number }[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push({ url: res.url(), status: res.status() });
    });
    const res = await page.goto(`${api.url}/docs`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toContain('text/html');

    // The sidebar lists the operation by its summary; opening it shows its path.
    const entry = page.getByText('Notify of external customer data change').first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const path = '/v2/customer-persons/{customerId}/change-notifications';
    await page.getByText(path).first().waitFor({ timeout: 10_000 });
    expect(await page.getByText(path).first().isVisible()).toBe(true);

    expect(scripts).toContainEqual({ url: `${origin}/docs/scalar.js`, status: 200 });
    expect(scripts.every((s) => s.url.startsWith(origin))).toBe(true);
    expect(outside).toEqual([]);
  }, 60_000);
});
