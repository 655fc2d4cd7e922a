import { ApiError, type FieldError } from '@wallet/errors';
import { z } from 'zod';
import { type BoundsParams, onePerProperty, parseFields } from './field-errors.js';
import { isAlpha2, isAlpha3, isCulture, STATE_CODE_COUNTRIES, subdivisionsOf } from './iso-codes.js';

/** A string whose length must lie within bounds; the issue carries both bounds for seed 003's context. */
export function boundedString(maximum: number, minimum = 1) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (value.length < minimum || value.length > maximum) {
        const params: BoundsParams = { bounds: { minimum, maximum } };
        ctx.addIssue({
          code: 'custom',
          message: `Value out of bounds. Value must be between ${minimum} and ${maximum}`,
          params,
        });
      }
    })
    .meta({ minLength: minimum, maxLength: maximum }); // for the OpenAPI document (@wallet/contract)
}

/** ISO codes are taken in any case and stored in upper case (`deu` is `DEU`), as currency codes are. */
const upperCase = (code: string) => code.toUpperCase();

const EMAIL = z.email({ message: 'must be a valid email address' });

/** YYYY-MM-DD, a real calendar date, from 1900-01-01 up to today. */
export function isValidBirthDate(value: string, today = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return value >= '1900-01-01' && value <= today.toISOString().slice(0, 10);
}

/** Not case sensitive (seed 003): kept as sent. */
const culture = boundedString(5)
  .refine(isCulture, {
    message: 'must be an ISO 639-1 language and an ISO 3166-1 alpha-2 country, e.g. en-US',
  })
  .meta({ pattern: '^[A-Za-z]{2}-[A-Za-z]{2}$', example: 'en-US' });
const email = boundedString(255).pipe(EMAIL);

/** Seed 003 `billingAddress`, properties in the order the seed lists them. */
export const billingAddress = z.strictObject({
  addressLine1: boundedString(60),
  addressLine2: boundedString(60).optional(),
  addressLine3: boundedString(60).optional(),
  city: boundedString(50),
  countryCode: boundedString(3, 3)
    .refine(isAlpha3, { message: 'must be an ISO 3166-1 alpha-3 country code' })
    .meta({
      pattern: '^[A-Za-z]{3}$',
      example: 'DEU',
      description: 'ISO 3166-1 alpha-3, any case; stored upper-case',
    })
    .transform(upperCase),
  houseNumber: boundedString(10).optional(),
  postalCode: boundedString(10).optional(),
  stateCode: boundedString(3).transform(upperCase).optional(),
});

/** Seed 003 `consumer`: a physical person. */
export const consumer = z.strictObject({
  culture: culture.optional(),
  dateOfBirth: boundedString(10)
    .refine((v) => isValidBirthDate(v), {
      message: 'must be a real date YYYY-MM-DD from 1900-01-01 to today',
    })
    // Seed 003's pattern; the day must also exist and lie from 1900-01-01 to today.
    .meta({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', example: '1966-02-01' })
    .optional(),
  email: email.optional(),
  firstName: boundedString(60),
  gender: boundedString(6).optional(),
  homePhone: boundedString(30).optional(),
  lastName: boundedString(60),
  merchantCustomerId: boundedString(255).optional(),
  middleName: boundedString(60).optional(),
  mobilePhone: boundedString(30).optional(),
  taxId: boundedString(30).optional(),
  title: boundedString(3).optional(),
  workPhone: boundedString(30).optional(),
});

/**
 * Seed 003 `businessConsumer`: a company. The capture lost one <=100 property between
 * `companyRegistrationNumber` and `culture`; it is `companyTradingName` here (the name the company
 * trades under, screened like `companyName`).
 */
export const businessConsumer = z.strictObject({
  companyName: boundedString(100),
  companyRegistrationCountry: boundedString(3, 2)
    .refine((v) => (v.length === 2 ? isAlpha2(v) : isAlpha3(v)), {
      message: 'must be an ISO 3166-1 alpha-2 or alpha-3 code',
    })
    .meta({ pattern: '^[A-Za-z]{2,3}$', example: 'DE' })
    .transform(upperCase)
    .optional(),
  companyRegistrationNumber: boundedString(50).optional(),
  companyTradingName: boundedString(100).optional(),
  culture: culture.optional(),
  email: email.optional(),
  taxId: boundedString(30).optional(),
});

/** `PATCH /accounts/{customerAccountId}`: a billing address and exactly one of consumer and businessConsumer. */
export const updateAccountBody = z.strictObject({
  billingAddress,
  consumer: consumer.optional(),
  businessConsumer: businessConsumer.optional(),
});
export type UpdateAccountBody = z.output<typeof updateAccountBody>;

function crossFieldErrors(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const hasConsumer = input.consumer !== undefined;
  const hasBusiness = input.businessConsumer !== undefined;
  if (!hasConsumer && !hasBusiness) {
    errors.push({
      path: 'consumer',
      issue: 'required',
      message: 'one of consumer and businessConsumer is required',
    });
  } else if (hasConsumer && hasBusiness) {
    errors.push({
      path: 'businessConsumer',
      issue: 'invalid',
      message: 'consumer and businessConsumer are mutually exclusive: send exactly one',
    });
  }
  const address = input.billingAddress as Record<string, unknown> | undefined;
  const country = typeof address?.countryCode === 'string' ? address.countryCode.toUpperCase() : undefined;
  if (!STATE_CODE_COUNTRIES.some((c) => c === country)) return errors;
  const state = address?.stateCode;
  if (state === undefined) {
    errors.push({
      path: 'billingAddress.stateCode',
      issue: 'required',
      message: 'stateCode is required for USA and CAN',
    });
  } else if (typeof state === 'string' && !subdivisionsOf(country!).has(state.toUpperCase())) {
    errors.push({
      path: 'billingAddress.stateCode',
      issue: 'invalid',
      message: `must be an ISO 3166-2 subdivision code of ${country}, e.g. ${country === 'USA' ? 'NY' : 'ON'}`,
    });
  }
  return errors;
}

/**
 * Parses seed 003's body, reporting every field error at once: zod skips object-level rules when a
 * field fails, so the cross-field rules (exactly one party; stateCode for USA and CAN) run beside it.
 */
export function parseUpdateAccountBody(input: unknown): UpdateAccountBody {
  const result = parseFields(updateAccountBody, input);
  const errors = result.success ? [] : result.errors;
  if (input !== null && typeof input === 'object') {
    errors.push(...crossFieldErrors(input as Record<string, unknown>));
  }
  if (errors.length > 0 || !result.success) throw ApiError.validation(onePerProperty(errors));
  return result.data;
}

/** The path's customerAccountId: the customer's externalId, at most 255 characters by the seed. */
export const accountUpdateParams = z.strictObject({ customerAccountId: boundedString(255) });
