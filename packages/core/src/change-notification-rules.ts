import type { ChangeType, RequiredAction, RestrictionName, RestrictionReason } from '@wallet/domain';

/** The restriction a change type calls for; it lasts a cooling-off period counted from the change. */
export interface ChangeRule {
  name: RestrictionName;
  reason: RestrictionReason;
  requiredActions: readonly RequiredAction[];
}

/**
 * The rule table. A new change type in `CHANGE_TYPES` fails to compile until it has a rule here.
 * PASSWORD_CHANGED: a possible account takeover, so money may not leave while the customer waits.
 */
export const CHANGE_RULES: Readonly<Record<ChangeType, ChangeRule>> = {
  PASSWORD_CHANGED: { name: 'OUTGOING_TRANSACTIONS', reason: 'RISK_CONTROLS', requiredActions: ['WAIT'] },
};

/** Cooling-off period of each change type, in seconds (configured by the worker). */
export type CoolingOffPeriods = Readonly<Record<ChangeType, number>>;

export function ruleFor(changeType: string): ChangeRule | undefined {
  return Object.hasOwn(CHANGE_RULES, changeType) ? CHANGE_RULES[changeType as ChangeType] : undefined;
}
