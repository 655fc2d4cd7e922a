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
    tags,
    access: 'public',
    responses: { 200: json(Health) },
  });
  operation(registry, {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the database answers within two seconds',
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
    tags,
    access: 'public',
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The document') },
  });
  operation(registry, {
    method: 'get',
    path: '/docs',
    operationId: 'docsPage',
    summary: 'Interactive API reference (Scalar) for this document',
    tags,
    access: 'public',
    responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } } },
  });
  operation(registry, {
    method: 'get',
    path: DOCS_SCRIPT_PATH,
    operationId: 'docsScript',
    summary: 'The docs page’s script (Scalar’s standalone bundle), served locally',
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
