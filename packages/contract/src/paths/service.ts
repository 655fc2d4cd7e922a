import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createTenantBody } from '@wallet/validation';
import { z } from 'zod';
import { Health, Tenant } from '../customers.js';
import { BODY_ERRORS, json, operation } from './operation.js';

/** Where the docs page loads Scalar's bundle from: the API itself, so the page needs no internet. */
export const DOCS_SCRIPT_PATH = '/docs/scalar.js';

export function registerServicePaths(registry: OpenAPIRegistry): void {
  const tags = ['Operations'];
  operation(registry, {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process is up',
    description: '200 while the process runs; it does not touch the database (see /readyz).',
    tags,
    access: 'public',
    responses: { 200: json(Health) },
  });
  operation(registry, {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the database answers within two seconds',
    description:
      '200 when the database answers a query within two seconds, 503 otherwise: take the process out of a load balancer while it is not ready.',
    tags,
    access: 'public',
    responses: { 200: json(Health) },
    errors: [503],
  });
  operation(registry, {
    method: 'post',
    path: '/admin/tenants',
    operationId: 'createTenant',
    summary: 'Create a tenant (partner) and its API key',
    description:
      'Admin token only. Creates a partner tenant and returns its API key, shown this once (only its SHA-256 is stored). 409 when the name is taken.',
    tags: ['Admin'],
    access: 'admin',
    request: { body: json(createTenantBody.meta({ id: 'CreateTenantRequest' })) },
    responses: { 201: json(Tenant) },
    errors: [...BODY_ERRORS, 409],
  });
  operation(registry, {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    description:
      'The OpenAPI 3.1 document of this API, generated from the zod schemas the routes validate with, including the `webhooks` the platform sends.',
    tags,
    access: 'public',
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The document') },
  });
  operation(registry, {
    method: 'get',
    path: '/docs',
    operationId: 'docsPage',
    summary: 'Interactive API reference (Scalar) for this document',
    description:
      'An HTML page rendering this document with Scalar; it loads its script from this server, so it works offline.',
    tags,
    access: 'public',
    responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
  });
  operation(registry, {
    method: 'get',
    path: DOCS_SCRIPT_PATH,
    operationId: 'docsScript',
    summary: 'The docs page’s script (Scalar’s standalone bundle), served locally',
    description: 'The JavaScript bundle the /docs page loads, served from this process rather than a CDN.',
    tags,
    access: 'public',
    responses: {
      200: { description: 'JavaScript', content: { 'text/javascript': { schema: z.string() } } },
    },
  });
  operation(registry, {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics of this API process',
    description:
      'Prometheus text format. Labels carry route patterns and status codes only (no tenant, ' +
      'customer or key). Meant for an internal scraper: keep it off the public ingress.',
    tags,
    access: 'public',
    responses: {
      200: { description: 'Prometheus text', content: { 'text/plain': { schema: z.string() } } },
    },
  });
}
