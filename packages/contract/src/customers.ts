import {
  ACCOUNT_STATUSES,
  CUSTOMER_TYPES,
  REQUIRED_ACTIONS,
  RESTRICTION_NAMES,
  RESTRICTION_REASONS,
  VIRTUAL_ASSIGNMENT_STATUSES,
  VIRTUAL_INSTRUMENT_STATUSES,
  VIRTUAL_INSTRUMENT_TYPES,
} from '@wallet/domain';
import { z } from 'zod';

const dateTime = () => z.string().meta({ format: 'date-time', description: 'RFC 3339, UTC' });
const customerId = () => z.string().meta({ pattern: '^[1-9]\\d{0,15}$', example: '10040500' });
/** Minor units; exact JSON integers, even past 2^53 (parse with a big-integer aware reader if yours are that large). */
const minorUnits = () => z.number().int().meta({ description: 'Integer minor units' });

export const Restriction = z
  .object({
    id: z.uuid(),
    name: z.enum(RESTRICTION_NAMES),
    reason: z.enum(RESTRICTION_REASONS),
    requiredActions: z.array(z.enum(REQUIRED_ACTIONS)),
    creationTime: dateTime(),
  })
  .meta({ id: 'Restriction', description: 'An active restriction (seed 004)' });

export const Account = z
  .object({
    id: z
      .string()
      .meta({ pattern: '^[1-9]\\d{0,15}$', example: '1356001', description: 'Numeric, from 1356000' }),
    customerId: customerId(),
    externalId: z.string().optional(),
    currencyCode: z.string().meta({ example: 'EUR', description: 'ISO 4217 alphabetic code' }),
    number: z.string().meta({ pattern: '^\\d{15}$', example: '200800000000001' }),
    status: z.enum(ACCOUNT_STATUSES),
    totalBalance: minorUnits(),
    availableBalance: minorUnits(),
    virtualInstrument: z.array(
      z
        .object({
          instrumentType: z.enum(VIRTUAL_INSTRUMENT_TYPES),
          status: z.enum(VIRTUAL_INSTRUMENT_STATUSES),
          iban: z
            .string()
            .optional()
            .meta({ description: 'SEPA_BANK_ACCOUNT', example: 'DE19000000009000000000' }),
          bic: z.string().optional().meta({ description: 'SEPA_BANK_ACCOUNT' }),
          sortCode: z.string().optional().meta({ description: 'UK_BANK_ACCOUNT, 6 digits' }),
          routingNumber: z.string().optional().meta({ description: 'US_BANK_ACCOUNT, ABA routing number' }),
          accountNumber: z.string().optional().meta({ description: 'UK_BANK_ACCOUNT and US_BANK_ACCOUNT' }),
        })
        .meta({
          description:
            'An ACTIVE instrument and the identifiers its issuer gave (an addition to seed 004). Listed from ' +
            "its request's COMPLETED until the account closes.",
        }),
    ),
    virtualAccountAssignmentStatus: z.array(
      z.object({
        instrumentType: z.enum(VIRTUAL_INSTRUMENT_TYPES).optional().meta({
          description:
            'The type requested, or implied by the currency; absent only when the currency has no instrument (REJECTED)',
        }),
        requestDate: dateTime(),
        lastChangeDate: dateTime().optional(),
        status: z.enum(VIRTUAL_ASSIGNMENT_STATUSES),
        statusReason: z.string().optional(),
      }),
    ),
    creationTime: dateTime(),
    hasVirtualInstrument: z
      .boolean()
      .meta({ deprecated: true, description: 'True once an instrument is ACTIVE' }),
    virtualAccountAssignment: z.boolean(),
  })
  .meta({ id: 'Account', description: 'A wallet account (seed 004)' });

export const Customer = z
  .object({
    id: customerId(),
    externalId: z.string(),
    type: z.enum(CUSTOMER_TYPES),
    email: z.string(),
    mobile: z.string().optional(),
    registrationIp: z.string().meta({ format: 'ipv4' }),
    registrationDate: dateTime().optional(),
    restrictions: z.array(Restriction),
    accounts: z.array(Account),
  })
  .meta({ id: 'Customer', description: 'A customer with its active restrictions and accounts (seed 004)' });

export const Tenant = z
  .object({
    name: z.string(),
    apiKey: z.string().meta({ description: 'Shown once; stored only as a SHA-256 hash' }),
  })
  .meta({ id: 'TenantCreated' });

export const BlackListEntry = z
  .object({
    id: z.uuid(),
    subject: z.enum(['PERSON', 'COMPANY']),
    name: z.string(),
    birthdate: z.string().optional().meta({ format: 'date' }),
    createdAt: dateTime(),
  })
  .meta({ id: 'BlackListEntry', description: 'A name on the tenant’s own black list (hitType BL)' });

export const Health = z.object({ status: z.string() }).meta({ id: 'Health' });
