import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A client whose paths, parameters, bodies and answers are typed from the API's OpenAPI document. */
export type WalletClient = Client<paths>;

export interface WalletClientOptions {
  /** The API's origin, e.g. `https://wallet.example.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`: a tenant's API key, or the admin token for `/admin` routes. */
  apiKey: string;
  /** Extra headers on every request, e.g. `X-Request-Id`. */
  headers?: Record<string, string>;
  /** A fetch of your own (retries, a proxy agent); default the global fetch. */
  fetch?: ClientOptions['fetch'];
}

/**
 * A typed client for the wallet API. Every call answers `{ data, error, response }`: `error` holds the
 * error envelope of the path's family (`/v2`, `/v1` or `/accounts`).
 */
export function createWalletClient(options: WalletClientOptions): WalletClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch && { fetch: options.fetch }),
  });
}

type Schemas = components['schemas'];
export type Customer = Schemas['Customer'];
export type Account = Schemas['Account'];
export type Restriction = Schemas['Restriction'];
export type Notification = Schemas['Notification'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type V2Error = Schemas['V2Error'];
export type V1Error = Schemas['V1Error'];
export type AccountsError = Schemas['AccountsError'];
