import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Scalar } from '@scalar/hono-api-reference';
import { DOCS_SCRIPT_PATH } from '@wallet/contract';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** Scalar's single-file (UMD) bundle, shipped in the @scalar/api-reference package. */
function scalarBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
  return join(dirname(entry), 'browser', 'standalone.js');
}

/**
 * `GET /docs`: the interactive reference (Scalar) of /openapi.json. Its script is served by the API
 * itself and Scalar's hosted services are off, so the page works without the internet.
 */
export function registerDocs(app: Hono<AppEnv>): void {
  let bundle: Promise<Buffer> | undefined;
  app.get(DOCS_SCRIPT_PATH, async (c) => {
    bundle ??= readFile(scalarBundlePath());
    return c.body(new Uint8Array(await bundle), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    });
  });
  app.get(
    '/docs',
    Scalar<AppEnv>({
      url: '/openapi.json',
      cdn: DOCS_SCRIPT_PATH,
      pageTitle: 'Wallet risk platform API',
      defaultOpenAllTags: true,
      authentication: { preferredSecurityScheme: 'apiKey' },
      // Everything that would call Scalar's hosted services is off: fonts, telemetry, AI agent, MCP, dev tools.
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: 'never',
    }),
  );
}
