/** The three wire families; each answers errors in its own envelope (renderV2, renderV1, renderAccounts). */
export const ERROR_FAMILIES = ['v2', 'v1', 'accounts'] as const;
export type ErrorFamily = (typeof ERROR_FAMILIES)[number];

/**
 * Which envelope a path answers errors in: `/v1/...` the v1 one, `/accounts` and below seed 003's, and
 * every other path (`/v2`, `/admin`, `/health`, an unknown path) the v2 one. The one rule: the API's
 * error handler, its OpenAPI document and the tests that check both all ask here.
 */
export function familyOf(path: string): ErrorFamily {
  if (path.startsWith('/v1/')) return 'v1';
  if (path === '/accounts' || path.startsWith('/accounts/')) return 'accounts';
  return 'v2';
}
