import { ApiError } from '@wallet/errors';
import {
  assertPublicHost,
  BlockedAddressError,
  defaultMaxAttempts,
  isAllowedPort,
  PORT_POLICY,
  parseRetryDelays,
  type SecretBox,
  urlHost,
} from '@wallet/webhooks';

/** What the subscriptions API needs from the environment. */
export interface WebhookPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: let URLs resolve to private, loopback or link-local addresses. */
  allowPrivateNetworks: boolean;
  /** maxAttempts of a subscription that names none: 1 + the number of WEBHOOK_RETRY_DELAYS. */
  defaultMaxAttempts: number;
  /** WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT: subscriptions (active or cancelled) a tenant may hold. */
  maxSubscriptionsPerTenant: number;
  /** WEBHOOK_TIMEOUT_MS: deadline of a test send, connect, headers and body together. */
  timeoutMs: number;
  /** Encrypts the secrets it stores and opens them to sign test sends (WEBHOOK_SECRET_KEYS). */
  secretBox: SecretBox;
  /** WEBHOOK_SECRET_GRACE_SECONDS: how long a rotated-out secret still signs. */
  secretGraceSeconds: number;
}

export function webhookPolicy(
  env: {
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean;
    WEBHOOK_RETRY_DELAYS: string;
    WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT: number;
    WEBHOOK_TIMEOUT_MS: number;
    WEBHOOK_SECRET_GRACE_SECONDS: number;
  },
  secretBox: SecretBox,
): WebhookPolicy {
  return {
    secretBox,
    secretGraceSeconds: env.WEBHOOK_SECRET_GRACE_SECONDS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxSubscriptionsPerTenant: env.WEBHOOK_MAX_SUBSCRIPTIONS_PER_TENANT,
    allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    defaultMaxAttempts: defaultMaxAttempts(parseRetryDelays(env.WEBHOOK_RETRY_DELAYS)),
  };
}

const RESOLVE_TIMEOUT_MS = 5_000;

function urlError(message: string): ApiError {
  return ApiError.validation([{ path: 'url', issue: 'invalid', message }]);
}

/** The SSRF guard at subscription time: 400 unless the port is allowed and every address of the host may be reached. */
export async function assertReachableUrl(url: string, policy: WebhookPolicy): Promise<void> {
  if (!policy.allowPrivateNetworks && !isAllowedPort(new URL(url))) throw urlError(`must use ${PORT_POLICY}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(urlError('host could not be resolved in time')), RESOLVE_TIMEOUT_MS);
  });
  try {
    await Promise.race([assertPublicHost(urlHost(new URL(url)), policy.allowPrivateNetworks), timeout]);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof BlockedAddressError) {
      throw urlError(`must not resolve to a private, loopback or link-local address (${err.range})`);
    }
    throw urlError('host does not resolve');
  } finally {
    clearTimeout(timer);
  }
}
