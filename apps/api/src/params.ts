import { ApiError } from '@wallet/errors';
import { isCustomerId } from '@wallet/validation';

/** A customer id path parameter, or seed 000's DW-CUSTOMER-ID-SHOULD-BE-VALID. */
export function customerIdParam(value: string | undefined): string {
  if (value === undefined || !isCustomerId(value)) {
    throw new ApiError('invalid_customer_id', 'CustomerId should be a valid value');
  }
  return value;
}

/** Unique-violation (23505) on the given constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
