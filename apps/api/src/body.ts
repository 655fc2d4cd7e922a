import type { IncomingMessage } from 'node:http';
import { ApiError } from '@wallet/errors';
import { parseOrThrow, withoutNullProperties } from '@wallet/validation';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { AppEnv } from './context.js';
import { inspectJson, MAX_JSON_DEPTH } from './json-inspection.js';

const tooLarge = (limit: number) => new ApiError('payload_too_large', `Request body exceeds ${limit} bytes`);

/**
 * 413 at once for a declared Content-Length over the limit. Replaces hono's bodyLimit, which touches
 * `c.req.raw` and so makes @hono/node-server build a WHATWG Request (and a web stream for the body)
 * for every request: the largest single cost of a small POST. A chunked body's size is checked as
 * it is read (readBodyText).
 */
export function declaredBodyLimit(limit: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && Number(length) > limit) {
      throw tooLarge(limit);
    }
    await next();
  });
}

/**
 * The body as UTF-8 text, at most the configured limit, read once per request (the Idempotency-Key
 * middleware reads it before the route does).
 */
export async function bodyText(c: Context<AppEnv>): Promise<string> {
  const read = c.get('bodyText');
  if (read !== undefined) return read;
  const text = await readBodyText(c, c.get('services').bodyLimitBytes);
  c.set('bodyText', text);
  return text;
}

/** The body as UTF-8 text, at most `limit` bytes: straight from Node's request when there is one. */
async function readBodyText(c: Context, limit: number): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function') {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Reads a JSON body: 415 for another media type, 400 for malformed JSON, then the schema's 400. */
export async function jsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  return parseOrThrow(schema, await jsonObject(c));
}

/**
 * Reads a JSON Merge Patch body (RFC 7396) for a PATCH route: unlike every other body, a top-level
 * `null` is kept, because it asks to remove that field; nested nulls still count as absent.
 */
export async function mergePatchBody<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<z.output<S>> {
  return parseOrThrow(schema, parseJsonObject(await rawJsonText(c), { keepTopLevelNulls: true }));
}

/** The body exactly as received, for signature checks. One rule for the whole API (seed 003:
 * Content-Type "Must be application/json"): a body is read only when it is declared JSON
 * (`application/json` or `application/*+json`); another type, or none, is 415. */
export async function rawJsonText(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header('content-type');
  if (type === undefined || !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'Content-Type must be application/json');
  }
  return bodyText(c);
}

/** Reads a JSON object body, for routes whose parsing goes beyond one schema. */
export async function jsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  return parseJsonObject(await rawJsonText(c));
}

/** 400 unless `text` is a JSON object without NUL characters. */
export function parseJsonObject(
  text: string,
  { keepTopLevelNulls = false }: { keepTopLevelNulls?: boolean } = {},
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError('malformed_body', 'Request body is not valid JSON');
  }
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError('malformed_body', 'Request body must be a JSON object');
  }
  const inspection = inspectJson(parsed);
  if (inspection.tooDeep) {
    throw new ApiError('malformed_body', `Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (inspection.problems.length > 0) {
    throw ApiError.validation(
      inspection.problems.map(({ path, message }) => ({ path, issue: 'invalid' as const, message })),
    );
  }
  // A null property counts as absent on every route (see withoutNullProperties), but merge patches.
  if (!keepTopLevelNulls) return withoutNullProperties(parsed) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(parsed).map(([key, inner]) => [key, inner === null ? null : withoutNullProperties(inner)]),
  );
}
