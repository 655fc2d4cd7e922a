import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createApiKeyBody } from '@wallet/validation';
import { z } from 'zod';
import { ApiKey, ApiKeyCreated, TenantSummary } from '../api-keys.js';
import { BODY_ERRORS, json, operation } from './operation.js';

const ROTATION =
  'Rotation is create-then-revoke: create a new key, move to it, then revoke the old one; both work ' +
  'in between. A revoked key is refused by every API process within a second.';

const tenantName = z.object({ tenantName: z.string() });
const keyId = z.object({ keyId: z.uuid() });

export function registerApiKeyPaths(registry: OpenAPIRegistry): void {
  const body = json(createApiKeyBody.meta({ id: 'CreateApiKeyRequest' }));
  const admin = ['Admin'];
  operation(registry, {
    method: 'get',
    path: '/admin/tenants',
    operationId: 'listTenants',
    summary: 'List the tenants, by name',
    description: 'Every tenant with its id, name and creation time, by name (byte order); never a key.',
    tags: admin,
    access: 'admin',
    paged: true,
    responses: { 200: json(z.array(TenantSummary)) },
  });
  operation(registry, {
    method: 'post',
    path: '/admin/tenants/{tenantName}/api-keys',
    operationId: 'createTenantApiKey',
    summary: 'Create an API key for a tenant',
    description: ROTATION,
    tags: admin,
    access: 'admin',
    request: { params: tenantName, body },
    responses: { 201: json(ApiKeyCreated) },
    errors: [...BODY_ERRORS, 404],
  });
  operation(registry, {
    method: 'get',
    path: '/admin/tenants/{tenantName}/api-keys',
    operationId: 'listTenantApiKeys',
    summary: 'List a tenant’s active (not revoked) API keys, oldest first',
    description: 'Each key’s id, prefix, label and times; never the key or its hash.',
    tags: admin,
    access: 'admin',
    paged: true,
    request: { params: tenantName },
    responses: { 200: json(z.array(ApiKey)) },
    errors: [404],
  });
  operation(registry, {
    method: 'delete',
    path: '/admin/tenants/{tenantName}/api-keys/{keyId}',
    operationId: 'revokeTenantApiKey',
    summary: 'Revoke a tenant’s API key (also its last one)',
    description: 'Revoking the last active key shuts the tenant out until the operator creates another.',
    tags: admin,
    access: 'admin',
    request: { params: tenantName.extend(keyId.shape) },
    responses: { 204: { description: 'Revoked' } },
    errors: [404],
  });
  const tags = ['API keys'];
  operation(registry, {
    method: 'post',
    path: '/v2/api-keys',
    operationId: 'createApiKey',
    idempotent: 'secret-shown-once',
    summary: 'Create another API key for the caller’s tenant',
    description: ROTATION,
    tags,
    access: 'partner',
    request: { body },
    responses: { 201: json(ApiKeyCreated) },
    errors: BODY_ERRORS,
  });
  operation(registry, {
    method: 'get',
    path: '/v2/api-keys',
    operationId: 'listApiKeys',
    summary: 'List the tenant’s active (not revoked) API keys, oldest first',
    description: 'Each key’s id, prefix, label and times; never the key or its hash.',
    tags,
    access: 'partner',
    paged: true,
    responses: { 200: json(z.array(ApiKey)) },
  });
  operation(registry, {
    method: 'delete',
    path: '/v2/api-keys/{keyId}',
    operationId: 'revokeApiKey',
    summary: 'Revoke one of the tenant’s API keys',
    description: 'The tenant’s last active key cannot be revoked here (409): create another one first.',
    tags,
    access: 'partner',
    request: { params: keyId },
    responses: { 204: { description: 'Revoked' } },
    errors: [404, 409],
  });
}
