import {
  ACCOUNT_UPDATE,
  CHANGE_TYPES,
  CUSTOMER_TYPES,
  EVENT_TYPES,
  NOTIFICATION_MESSAGE_TYPES,
  NOTIFICATION_STATES,
  NOTIFICATION_TYPES,
  REQUIRED_ACTIONS,
  RESTRICTION_NAMES,
  RESTRICTION_REASONS,
  VIRTUAL_INSTRUMENT_TYPES,
} from '@wallet/domain';
import type { ErrorFamily } from '@wallet/errors';

/**
 * Every field of every request body, for the table-driven test of field errors
 * (routes/field-errors.test.ts): its JSON type, whether it is required, and a value out of its range
 * with the one error it must get.
 */
export type Family = ErrorFamily;

/** The JSON type of a field, or the enum it takes. */
export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | readonly string[];

export interface Expected {
  message: string;
  /** The field error's code: `error_code` on /v1, `code` on /accounts; /v2 has none (all are 5068). */
  code?: string;
  /** Where the error is reported, when not at the field itself (an array's element). */
  property?: string;
  /** Seed 003's bounds context. */
  context?: { minimum: number; maximum: number };
}

export interface FieldSpec {
  field: string;
  type: FieldType;
  required: boolean;
  /** A value outside the field's range and its error; null when the type has no range (a boolean). */
  outOfRange: { value: unknown; expect: Expected } | null;
  /** What `null` gets when it is not the default for its required-ness. */
  onNull?: Expected;
}

export interface BodySpec {
  name: string;
  family: Family;
  method: string;
  /** Admin routes take the admin token rather than a tenant's key. */
  admin?: boolean;
  /** Signed with the issuer's Standard Webhooks secret (BodyWorld.signCallback) instead of a key. */
  signed?: boolean;
  /** Creates what the route needs (a customer, a notification) and answers the path. */
  path: (world: BodyWorld) => Promise<string>;
  /** A valid body; `n` makes unique values where the route needs them. */
  valid: (n: number, world: BodyWorld) => Record<string, unknown>;
  fields: FieldSpec[];
  /** The status of a valid body (a null optional field is a valid body). */
  okStatus: number;
}

export interface BodyWorld {
  tenantName: string;
  /** A new customer of the tenant: its id and its externalId. */
  customer(): Promise<{ id: string; externalId: string }>;
  /** A new notification of a new customer: the PUT path of it. */
  notificationPath(): Promise<string>;
  /** A new EUR account of a new customer: its path under /v2. */
  accountPath(): Promise<string>;
  /** The archiveId of a new screening (a new customer's PATCH /accounts). */
  screeningId(): Promise<string>;
  /** The id of a new active restriction of a new customer. */
  restrictionId(): Promise<string>;
  /** A new webhook subscription of the tenant (its own URL): its path. */
  subscriptionPath(): Promise<string>;
  /** The issuer the test API knows, and an ACCEPTED request it holds (a repeated ACCEPTED is a 200). */
  issuer: string;
  callbackReference: string;
  /** The Standard Webhooks headers of a callback body sent as `text`. */
  signCallback(text: string): Record<string, string>;
}

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;
const atMost = (n: number) => `must be at most ${n} characters long`;
const bounds = (minimum: number, maximum: number): Expected => ({
  message: `Value out of bounds. Value must be between ${minimum} and ${maximum}`,
  code: 'value_out_of_bounds',
  context: { minimum, maximum },
});
const long = (n: number) => 'x'.repeat(n);

const customerId = async (w: BodyWorld) => (await w.customer()).id;

const v2Bodies: BodySpec[] = [
  {
    name: 'POST /admin/tenants',
    family: 'v2',
    method: 'POST',
    admin: true,
    path: async () => '/admin/tenants',
    valid: (n) => ({ name: `fields-${process.pid}-${n}` }),
    okStatus: 201,
    fields: [
      {
        field: 'name',
        type: 'string',
        required: true,
        outOfRange: {
          value: '-starts-with-a-dash',
          expect: {
            message: 'must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit',
          },
        },
      },
    ],
  },
  {
    name: 'POST /v2/customer-persons',
    family: 'v2',
    method: 'POST',
    path: async () => '/v2/customer-persons',
    valid: (n) => ({ externalId: `fields-${n}`, email: 'a@b.co', registrationIp: '198.51.100.1' }),
    okStatus: 201,
    fields: [
      {
        field: 'externalId',
        type: 'string',
        required: true,
        outOfRange: { value: long(41), expect: { message: atMost(40) } },
      },
      {
        field: 'type',
        type: CUSTOMER_TYPES,
        required: false,
        outOfRange: { value: 'ROBOT', expect: { message: oneOf(CUSTOMER_TYPES) } },
      },
      {
        field: 'email',
        type: 'string',
        required: true,
        outOfRange: { value: 'no-at-sign', expect: { message: 'must be a valid email address' } },
      },
      {
        field: 'mobile',
        type: 'string',
        required: false,
        outOfRange: { value: long(51), expect: { message: atMost(50) } },
      },
      {
        field: 'registrationIp',
        type: 'string',
        required: true,
        outOfRange: { value: '256.1.1.1', expect: { message: 'must be an IPv4 address' } },
      },
      {
        field: 'registrationDate',
        type: 'string',
        required: false,
        outOfRange: {
          value: '2021-02-30T00:00:00Z',
          expect: { message: 'must be an RFC 3339 date-time, e.g. 2024-07-29T15:51:28Z' },
        },
      },
    ],
  },
  {
    name: 'POST /v2/customer-persons/{customerId}/accounts',
    family: 'v2',
    method: 'POST',
    path: async (w) => `/v2/customer-persons/${await customerId(w)}/accounts`,
    valid: () => ({ currencyCode: 'EUR' }),
    okStatus: 201,
    fields: [
      {
        field: 'currencyCode',
        type: 'string',
        required: true,
        outOfRange: { value: 'XYZ', expect: { message: 'must be an ISO 4217 currency code' } },
      },
      {
        field: 'externalId',
        type: 'string',
        required: false,
        outOfRange: { value: long(41), expect: { message: atMost(40) } },
      },
      { field: 'virtualAccountAssignment', type: 'boolean', required: false, outOfRange: null },
    ],
  },
  {
    name: 'POST /v2/customer-persons/{customerId}/restrictions',
    family: 'v2',
    method: 'POST',
    path: async (w) => `/v2/customer-persons/${await customerId(w)}/restrictions`,
    valid: () => ({ name: 'OUTGOING_TRANSACTIONS', reason: 'RISK_CONTROLS' }),
    okStatus: 201,
    fields: [
      {
        field: 'name',
        type: RESTRICTION_NAMES,
        required: true,
        outOfRange: { value: 'EVERYTHING', expect: { message: oneOf(RESTRICTION_NAMES) } },
      },
      {
        field: 'reason',
        type: RESTRICTION_REASONS,
        required: true,
        outOfRange: { value: 'BORED', expect: { message: oneOf(RESTRICTION_REASONS) } },
      },
      {
        field: 'requiredActions',
        type: 'array',
        required: false,
        outOfRange: {
          value: ['DANCE'],
          expect: { message: oneOf(REQUIRED_ACTIONS), property: 'requiredActions.0' },
        },
      },
    ],
  },
  {
    name: 'POST /v2/customer-persons/{customerId}/change-notifications',
    family: 'v2',
    method: 'POST',
    path: async (w) => `/v2/customer-persons/${await customerId(w)}/change-notifications`,
    valid: () => ({ changeType: 'PASSWORD_CHANGED', changeTime: '2024-07-29T15:51:28Z' }),
    okStatus: 202,
    fields: [
      {
        field: 'changeType',
        type: CHANGE_TYPES,
        required: true,
        outOfRange: { value: 'EMAIL_CHANGED', expect: { message: oneOf(CHANGE_TYPES) } },
      },
      {
        field: 'changeTime',
        type: 'string',
        required: true,
        outOfRange: {
          value: '2021-02-30T00:00:00Z',
          expect: { message: 'must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z' },
        },
      },
    ],
  },
  {
    name: 'POST /v2/webhook-subscriptions',
    family: 'v2',
    method: 'POST',
    path: async () => '/v2/webhook-subscriptions',
    valid: () => ({ url: 'http://127.0.0.1:9/hooks', eventTypes: [ACCOUNT_UPDATE] }),
    okStatus: 201,
    fields: [
      {
        field: 'url',
        type: 'string',
        required: true,
        outOfRange: { value: 'ftp://example.com/x', expect: { message: 'must be an http or https URL' } },
      },
      {
        field: 'eventTypes',
        type: 'array',
        required: true,
        outOfRange: {
          value: ['Account.CREATE'],
          expect: { message: oneOf(EVENT_TYPES), property: 'eventTypes.0' },
        },
      },
      {
        field: 'maxAttempts',
        type: 'number',
        required: false,
        outOfRange: { value: 21, expect: { message: 'must be at most 20' } },
      },
    ],
  },
  {
    name: 'POST /v2/webhook-subscriptions/{subscriptionId}/rotate-secret',
    family: 'v2',
    method: 'POST',
    path: async (w) => `${await w.subscriptionPath()}/rotate-secret`,
    valid: () => ({ graceSeconds: 60 }),
    okStatus: 200,
    fields: [
      {
        field: 'graceSeconds',
        type: 'number',
        required: false,
        outOfRange: { value: 2_592_001, expect: { message: 'must be at most 2592000' } },
      },
    ],
  },
  {
    name: 'PATCH /v2/webhook-subscriptions/{subscriptionId}',
    family: 'v2',
    method: 'PATCH',
    path: (w) => w.subscriptionPath(),
    // Two fields, so that nulling one still leaves a change to make.
    valid: () => ({ maxAttempts: 5, status: 'ACTIVE' }),
    okStatus: 200,
    fields: [
      {
        field: 'url',
        type: 'string',
        required: false,
        outOfRange: { value: 'ftp://example.com/x', expect: { message: 'must be an http or https URL' } },
      },
      {
        field: 'eventTypes',
        type: 'array',
        required: false,
        outOfRange: {
          value: ['Account.CREATE'],
          expect: { message: oneOf(EVENT_TYPES), property: 'eventTypes.0' },
        },
      },
      {
        field: 'maxAttempts',
        type: 'number',
        required: false,
        outOfRange: { value: 21, expect: { message: 'must be at most 20' } },
      },
      {
        field: 'status',
        type: ['ACTIVE', 'PAUSED'],
        required: false,
        outOfRange: { value: 'CANCELLED', expect: { message: oneOf(['ACTIVE', 'PAUSED']) } },
      },
    ],
  },
  {
    name: 'POST /v2/webhook-subscriptions/{subscriptionId}/recover',
    family: 'v2',
    method: 'POST',
    path: async (w) => `${await w.subscriptionPath()}/recover`,
    valid: () => ({ since: '2025-03-04T00:00:00Z', limit: 10 }),
    okStatus: 202,
    fields: [
      {
        field: 'since',
        type: 'string',
        required: true,
        outOfRange: {
          value: '2021-02-30T00:00:00Z',
          expect: { message: 'must be an RFC 3339 date-time (section 5.6), e.g. 2024-07-29T15:51:28Z' },
        },
      },
      {
        field: 'limit',
        type: 'number',
        required: false,
        outOfRange: { value: 1001, expect: { message: 'must be at most 1000' } },
      },
    ],
  },
  {
    name: 'POST /v2/api-keys',
    family: 'v2',
    method: 'POST',
    path: async () => '/v2/api-keys',
    valid: (n) => ({ label: `fields-${n}` }),
    okStatus: 201,
    fields: [
      {
        field: 'label',
        type: 'string',
        required: false,
        outOfRange: { value: long(101), expect: { message: atMost(100) } },
      },
      {
        field: 'expiresAt',
        type: 'string',
        required: false,
        outOfRange: { value: '2020-01-01T00:00:00Z', expect: { message: 'must be in the future' } },
      },
    ],
  },
  {
    name: 'POST /admin/tenants/{tenantName}/api-keys',
    family: 'v2',
    method: 'POST',
    admin: true,
    path: async (w) => `/admin/tenants/${w.tenantName}/api-keys`,
    valid: (n) => ({ label: `fields-${n}` }),
    okStatus: 201,
    fields: [
      {
        field: 'label',
        type: 'string',
        required: false,
        outOfRange: { value: long(101), expect: { message: atMost(100) } },
      },
      {
        field: 'expiresAt',
        type: 'string',
        required: false,
        outOfRange: { value: '2020-01-01T00:00:00Z', expect: { message: 'must be in the future' } },
      },
    ],
  },
  {
    name: 'POST /v2/black-list-entries',
    family: 'v2',
    method: 'POST',
    path: async () => '/v2/black-list-entries',
    valid: (n) => ({ subject: 'PERSON', name: `Black Listed ${n}` }),
    okStatus: 201,
    fields: [
      {
        field: 'subject',
        type: ['PERSON', 'COMPANY'],
        required: true,
        outOfRange: { value: 'ANIMAL', expect: { message: oneOf(['PERSON', 'COMPANY']) } },
      },
      {
        field: 'name',
        type: 'string',
        required: true,
        outOfRange: { value: long(201), expect: { message: atMost(200) } },
      },
      {
        field: 'birthdate',
        type: 'string',
        required: false,
        outOfRange: {
          value: '1899-12-31',
          expect: { message: 'must be a real date YYYY-MM-DD from 1900-01-01 to today' },
        },
      },
    ],
  },
];

/** Bodies of the account lifecycle (issue 17), the screening review and the issuer callbacks. */
const lifecycleBodies: BodySpec[] = [
  {
    name: 'POST /v2/customer-persons/{customerId}/accounts/{accountId}/virtual-instruments',
    family: 'v2',
    method: 'POST',
    path: async (w) => `${await w.accountPath()}/virtual-instruments`,
    valid: () => ({ instrumentType: 'SEPA_BANK_ACCOUNT' }),
    okStatus: 202,
    fields: [
      {
        field: 'instrumentType',
        type: VIRTUAL_INSTRUMENT_TYPES,
        required: true,
        outOfRange: { value: 'CREDIT_CARD', expect: { message: oneOf(VIRTUAL_INSTRUMENT_TYPES) } },
      },
    ],
  },
  {
    name: 'POST /v2/customer-persons/{customerId}/accounts/{accountId}/close',
    family: 'v2',
    method: 'POST',
    path: async (w) => `${await w.accountPath()}/close`,
    valid: () => ({ reason: 'Customer asked to close it' }),
    okStatus: 200,
    fields: [
      {
        field: 'reason',
        type: 'string',
        required: true,
        outOfRange: { value: long(256), expect: { message: atMost(255) } },
      },
    ],
  },
  {
    name: 'PATCH /v2/customer-persons/{customerId}',
    family: 'v2',
    method: 'PATCH',
    path: async (w) => `/v2/customer-persons/${await customerId(w)}`,
    valid: () => ({ email: 'new@b.co', mobile: '+49 30 1234567' }),
    okStatus: 200,
    fields: [
      {
        field: 'email',
        type: 'string',
        required: false,
        outOfRange: { value: 'no-at-sign', expect: { message: 'must be a valid email address' } },
        // A JSON Merge Patch null removes a field, but email is required on the customer: not removable.
        onNull: { message: 'must not be null' },
      },
      {
        // null removes the mobile (JSON Merge Patch): a valid body.
        field: 'mobile',
        type: 'string',
        required: false,
        outOfRange: { value: long(51), expect: { message: atMost(50) } },
      },
    ],
  },
  {
    name: 'POST /v2/screenings/{archiveId}/decision',
    family: 'v2',
    method: 'POST',
    path: async (w) => `/v2/screenings/${await w.screeningId()}/decision`,
    valid: () => ({ outcome: 'FALSE_POSITIVE', reason: 'Different date of birth' }),
    // Not reached: both fields are required, so no case sends a valid body (a GREEN screening's is 409).
    okStatus: 200,
    fields: [
      {
        field: 'outcome',
        type: ['CONFIRMED_HIT', 'FALSE_POSITIVE'],
        required: true,
        outOfRange: { value: 'MAYBE', expect: { message: oneOf(['CONFIRMED_HIT', 'FALSE_POSITIVE']) } },
      },
      {
        field: 'reason',
        type: 'string',
        required: true,
        outOfRange: { value: long(1001), expect: { message: atMost(1000) } },
      },
    ],
  },
  {
    name: 'POST /admin/restrictions/{restrictionId}/lift',
    family: 'v2',
    method: 'POST',
    admin: true,
    path: async (w) => `/admin/restrictions/${await w.restrictionId()}/lift`,
    valid: () => ({ reason: 'Cleared by compliance' }),
    okStatus: 204,
    fields: [
      {
        field: 'reason',
        type: 'string',
        required: true,
        outOfRange: { value: long(1001), expect: { message: atMost(1000) } },
      },
    ],
  },
  {
    name: 'POST /v2/issuer-callbacks/{issuer}',
    family: 'v2',
    method: 'POST',
    signed: true,
    path: async (w) => `/v2/issuer-callbacks/${w.issuer}`,
    // Repeating the request's current status is a valid callback that changes nothing (200).
    valid: (_n, w) => ({ reference: w.callbackReference, status: 'ACCEPTED' }),
    okStatus: 200,
    fields: [
      {
        field: 'reference',
        type: 'string',
        required: true,
        outOfRange: { value: '0', expect: { message: 'must be the reference of a request' } },
      },
      {
        field: 'status',
        type: ['ACCEPTED', 'COMPLETED', 'REJECTED', 'FAILED'],
        required: true,
        outOfRange: {
          value: 'PENDING',
          expect: { message: oneOf(['ACCEPTED', 'COMPLETED', 'REJECTED', 'FAILED']) },
        },
      },
      {
        field: 'reason',
        type: 'string',
        required: false,
        outOfRange: { value: long(256), expect: { message: atMost(255) } },
      },
      {
        field: 'identifiers',
        type: 'object',
        required: false,
        outOfRange: {
          value: { iban: long(65) },
          expect: { message: atMost(64), property: 'identifiers.iban' },
        },
      },
    ],
  },
];

const v1Bodies: BodySpec[] = [
  {
    name: 'POST /v1/{tenantName}/accounts/{userId}/notifications',
    family: 'v1',
    method: 'POST',
    path: async (w) => `/v1/${w.tenantName}/accounts/${await customerId(w)}/notifications`,
    valid: () => ({ messageType: 'user_needs_kyc', type: 'INFORMATION' }),
    okStatus: 201,
    fields: [
      {
        field: 'messageType',
        type: NOTIFICATION_MESSAGE_TYPES,
        required: true,
        outOfRange: {
          value: 'user_was_rude',
          expect: { message: oneOf(NOTIFICATION_MESSAGE_TYPES), code: 'validation_error' },
        },
      },
      {
        field: 'type',
        type: NOTIFICATION_TYPES,
        required: true,
        outOfRange: {
          value: 'DEBUG',
          expect: { message: oneOf(NOTIFICATION_TYPES), code: 'validation_error' },
        },
      },
      {
        field: 'link',
        type: 'string',
        required: false,
        outOfRange: {
          value: 'http://go.idnow.de/abc',
          expect: { message: 'must be an absolute https URL', code: 'validation_error' },
        },
      },
    ],
  },
  {
    name: 'PUT /v1/{tenantName}/accounts/{userId}/notifications/{notificationId}',
    family: 'v1',
    method: 'PUT',
    path: (w) => w.notificationPath(),
    valid: () => ({ state: 'SEEN' }),
    okStatus: 200,
    fields: [
      {
        field: 'state',
        type: NOTIFICATION_STATES,
        required: true,
        outOfRange: {
          value: 'READ',
          expect: { message: oneOf(NOTIFICATION_STATES), code: 'validation_error' },
        },
      },
    ],
  },
];

/** Seed 003's string fields: each is out of range one character past its maximum. */
const text = (field: string, maximum: number, required = false): FieldSpec => ({
  field,
  type: 'string',
  required,
  outOfRange: { value: long(maximum + 1), expect: bounds(1, maximum) },
});

const accountBodies: BodySpec[] = [
  {
    name: 'PATCH /accounts/{customerAccountId} (consumer)',
    family: 'accounts',
    method: 'PATCH',
    path: async (w) => `/accounts/${(await w.customer()).externalId}`,
    valid: () => ({
      billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
      consumer: { firstName: 'Ada', lastName: 'Lovelace' },
    }),
    okStatus: 200,
    fields: [
      { field: 'billingAddress', type: 'object', required: true, outOfRange: null },
      text('billingAddress.addressLine1', 60, true),
      text('billingAddress.addressLine2', 60),
      text('billingAddress.addressLine3', 60),
      text('billingAddress.city', 50, true),
      {
        field: 'billingAddress.countryCode',
        type: 'string',
        required: true,
        outOfRange: {
          value: 'DE',
          expect: { message: 'must be an ISO 3166-1 alpha-3 country code', code: 'invalid_value' },
        },
      },
      text('billingAddress.houseNumber', 10),
      text('billingAddress.postalCode', 10),
      text('billingAddress.stateCode', 3),
      {
        field: 'consumer',
        type: 'object',
        required: false,
        outOfRange: null,
        onNull: { message: 'one of consumer and businessConsumer is required', code: 'required' },
      },
      {
        field: 'consumer.culture',
        type: 'string',
        required: false,
        outOfRange: {
          value: 'english',
          expect: {
            message: 'must be an ISO 639-1 language and an ISO 3166-1 alpha-2 country, e.g. en-US',
            code: 'invalid_value',
          },
        },
      },
      {
        field: 'consumer.dateOfBirth',
        type: 'string',
        required: false,
        outOfRange: {
          value: '1899-12-31',
          expect: {
            message: 'must be a real date YYYY-MM-DD from 1900-01-01 to today',
            code: 'invalid_value',
          },
        },
      },
      {
        field: 'consumer.email',
        type: 'string',
        required: false,
        outOfRange: {
          value: `ada.l@${long(60)}.${long(60)}.${long(60)}.${long(60)}.example`,
          expect: bounds(1, 255),
        },
      },
      text('consumer.firstName', 60, true),
      text('consumer.gender', 6),
      text('consumer.homePhone', 30),
      text('consumer.lastName', 60, true),
      text('consumer.merchantCustomerId', 255),
      text('consumer.middleName', 60),
      text('consumer.mobilePhone', 30),
      text('consumer.taxId', 30),
      text('consumer.title', 3),
      text('consumer.workPhone', 30),
    ],
  },
  {
    name: 'PATCH /accounts/{customerAccountId} (businessConsumer)',
    family: 'accounts',
    method: 'PATCH',
    path: async (w) => `/accounts/${(await w.customer()).externalId}`,
    valid: () => ({
      billingAddress: { addressLine1: 'Main Street', city: 'Berlin', countryCode: 'DEU' },
      businessConsumer: { companyName: 'Analytical Engines GmbH' },
    }),
    okStatus: 200,
    fields: [
      {
        field: 'businessConsumer',
        type: 'object',
        required: false,
        outOfRange: null,
        // Reported where seed 003 names the rule: at consumer, the party that is usually sent.
        onNull: {
          message: 'one of consumer and businessConsumer is required',
          code: 'required',
          property: 'consumer',
        },
      },
      text('businessConsumer.companyName', 100, true),
      {
        field: 'businessConsumer.companyRegistrationCountry',
        type: 'string',
        required: false,
        outOfRange: {
          value: 'XX',
          expect: { message: 'must be an ISO 3166-1 alpha-2 or alpha-3 code', code: 'invalid_value' },
        },
      },
      text('businessConsumer.companyRegistrationNumber', 50),
      text('businessConsumer.companyTradingName', 100),
      {
        field: 'businessConsumer.culture',
        type: 'string',
        required: false,
        outOfRange: {
          value: 'en_US',
          expect: {
            message: 'must be an ISO 639-1 language and an ISO 3166-1 alpha-2 country, e.g. en-US',
            code: 'invalid_value',
          },
        },
      },
      {
        field: 'businessConsumer.email',
        type: 'string',
        required: false,
        outOfRange: {
          value: 'no-at-sign',
          expect: { message: 'must be a valid email address', code: 'invalid_value' },
        },
      },
      text('businessConsumer.taxId', 30),
    ],
  },
];

export const REQUEST_BODIES: BodySpec[] = [...v2Bodies, ...lifecycleBodies, ...v1Bodies, ...accountBodies];
