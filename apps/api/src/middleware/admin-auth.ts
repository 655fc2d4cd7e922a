import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '@wallet/errors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { bearerToken } from './tenant-auth.js';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'));
  if (!token || !sameSecret(token, c.get('services').adminToken)) {
    throw new ApiError('unauthorized', 'A valid admin token is required');
  }
  await next();
});
