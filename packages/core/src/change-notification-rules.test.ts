import { CHANGE_TYPES } from '@wallet/domain';
import { describe, expect, it } from 'vitest';
import { CHANGE_RULES, ruleFor } from './change-notification-rules.js';

describe('ruleFor', () => {
  it('has a rule for every change type', () => {
    for (const type of CHANGE_TYPES) expect(ruleFor(type)).toBe(CHANGE_RULES[type]);
  });

  it('restricts outgoing transactions after a password change, until the customer has waited', () => {
    expect(ruleFor('PASSWORD_CHANGED')).toEqual({
      name: 'OUTGOING_TRANSACTIONS',
      reason: 'RISK_CONTROLS',
      requiredActions: ['WAIT'],
    });
  });

  it('knows no other change type, not even the names every object has', () => {
    for (const type of ['EMAIL_CHANGED', 'password_changed', 'toString', '__proto__', 'constructor', '']) {
      expect(ruleFor(type)).toBeUndefined();
    }
  });
});
