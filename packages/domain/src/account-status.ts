import type { AccountStatus } from './account.js';
import type { RestrictionName } from './restriction.js';

/**
 * The account-status rule: BLOCKED while an ALL_TRANSACTIONS restriction is active,
 * RESTRICTED while any other one is, ACTIVE otherwise.
 */
export function accountStatusFor(activeRestrictions: readonly RestrictionName[]): AccountStatus {
  if (activeRestrictions.includes('ALL_TRANSACTIONS')) return 'BLOCKED';
  if (activeRestrictions.length > 0) return 'RESTRICTED';
  return 'ACTIVE';
}
