import { ApiError } from '@wallet/errors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { sameSecret } from '../credentials/secrets.js';
import { bearerToken } from './tenant-auth.js';

/** The operator's ADMIN_TOKEN, compared in constant time whatever the lengths (see sameSecret). */
export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  if (!sameSecret(token ?? '', c.get('services').adminToken)) {
    throw new ApiError('unauthorized', 'A valid admin token is required');
  }
  await next();
});
