import { buildOpenApiDocument } from '@wallet/contract';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** `GET /openapi.json`: the OpenAPI 3.1 document, built once from the routes' own zod schemas. */
export function registerOpenApi(app: Hono<AppEnv>): void {
  const document = buildOpenApiDocument();
  app.get('/openapi.json', (c) => c.json(document));
}
