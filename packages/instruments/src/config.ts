import { VIRTUAL_INSTRUMENT_TYPES, type VirtualInstrumentType } from '@wallet/domain';
import { validate as isValidRoutingNumber } from 'abavalidator';
import { getCountrySpecifications, isValidBIC } from 'ibantools';
import { z } from 'zod';

const digits = (min: number, max: number) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), { message: `must be ${min}-${max} digits` });

/** A block of account numbers the bank granted, both ends included, as digits of a fixed length. */
const numberRange = (min: number, max: number) =>
  z
    .strictObject({ first: digits(min, max), last: digits(min, max) })
    .refine((r) => r.first.length === r.last.length, { message: 'first and last must have the same length' })
    .refine((r) => BigInt(r.first) <= BigInt(r.last), { message: 'first must not be above last' });

/** ISO 3166 alpha-3 codes of the customers' billing countries this issuer serves; unset: any. */
const customerCountries = z
  .array(z.string().regex(/^[A-Z]{3}$/))
  .min(1)
  .optional();

const sepaRange = z
  .strictObject({
    adapter: z.literal('range'),
    /** ISO 3166 alpha-2 country of the IBANs. */
    country: z.string().regex(/^[A-Z]{2}$/),
    /** The BBAN's part before the account number (bank code, and branch code where the country has one). */
    bankCode: z.string().regex(/^[0-9A-Z]{1,20}$/),
    bic: z.string().refine(isValidBIC, { message: 'must be a valid BIC' }),
    accountNumbers: numberRange(1, 18),
    customerCountries,
    development: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    const spec = getCountrySpecifications()[c.country];
    if (!spec?.chars || !spec.SEPA) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'must be a SEPA country' });
      return;
    }
    if (c.bankCode.length + c.accountNumbers.first.length !== spec.chars - 4) {
      ctx.addIssue({
        code: 'custom',
        path: ['accountNumbers'],
        message: `bankCode and account number must make the ${spec.chars - 4} characters of a ${c.country} BBAN`,
      });
    }
    if (c.bic.slice(4, 6) !== c.country) {
      ctx.addIssue({ code: 'custom', path: ['bic'], message: 'must be a BIC of the same country' });
    }
  });

const ukRange = z.strictObject({
  adapter: z.literal('range'),
  sortCode: digits(6, 6),
  accountNumbers: numberRange(8, 8),
  customerCountries,
  development: z.boolean().optional(),
});

const usRange = z.strictObject({
  adapter: z.literal('range'),
  routingNumber: digits(9, 9).refine(isValidRoutingNumber, { message: 'must be a valid ABA routing number' }),
  accountNumbers: numberRange(4, 17),
  customerCountries,
  development: z.boolean().optional(),
});

/** A bank that issues through its API and answers through `POST /v2/issuer-callbacks/{issuer}`. */
const callbackIssuer = z.strictObject({
  adapter: z.literal('callback'),
  /** The `{issuer}` of the callback path. */
  issuer: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** Standard Webhooks secret (`whsec_` + base64) shared with the bank, for both directions. */
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, { message: 'must be whsec_ followed by base64' }),
  /** Where requests are POSTed, signed with the same secret. */
  requestUrl: z.url(),
  customerCountries,
});

export const issuerConfigSchema = z.strictObject({
  SEPA_BANK_ACCOUNT: z.union([sepaRange, callbackIssuer]).optional(),
  UK_BANK_ACCOUNT: z.union([ukRange, callbackIssuer]).optional(),
  US_BANK_ACCOUNT: z.union([usRange, callbackIssuer]).optional(),
});
export type IssuerConfig = z.output<typeof issuerConfigSchema>;
export type SepaRangeConfig = z.output<typeof sepaRange>;
export type UkRangeConfig = z.output<typeof ukRange>;
export type UsRangeConfig = z.output<typeof usRange>;
export type RangeConfig = SepaRangeConfig | UkRangeConfig | UsRangeConfig;
export type CallbackIssuerConfig = z.output<typeof callbackIssuer>;

/**
 * DEVELOPMENT ONLY: ranges no bank granted, so that the whole lifecycle works out of the box. They
 * are never used with NODE_ENV=production, and every instrument issued from them says so in its
 * statusReason. The SEPA bank code 00000000 belongs to no German bank and the BIC's location code
 * ends in 0, which marks a test BIC; 08-99-99 is the sort code of VocaLink's published modulus-check
 * examples; 110000000 is a routing number widely used for testing.
 */
export const DEVELOPMENT_ISSUERS: IssuerConfig = {
  SEPA_BANK_ACCOUNT: {
    adapter: 'range',
    country: 'DE',
    bankCode: '00000000',
    bic: 'WLTDDEF0XXX',
    accountNumbers: { first: '9000000000', last: '9099999999' },
    development: true,
  },
  UK_BANK_ACCOUNT: {
    adapter: 'range',
    sortCode: '089999',
    accountNumbers: { first: '66000000', last: '66999999' },
    development: true,
  },
  US_BANK_ACCOUNT: {
    adapter: 'range',
    routingNumber: '110000000',
    accountNumbers: { first: '900000000000', last: '900999999999' },
    development: true,
  },
};

/**
 * The configuration in force: the operator's JSON when given (validated; a bad one throws a message
 * naming the field), else the development ranges, except in production where nothing is configured.
 */
export function resolveIssuerConfig(raw: string | undefined, nodeEnv: string): IssuerConfig {
  if (raw === undefined || raw.trim() === '') return nodeEnv === 'production' ? {} : DEVELOPMENT_ISSUERS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('INSTRUMENT_ISSUERS: must be JSON');
  }
  const result = issuerConfigSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `INSTRUMENT_ISSUERS.${i.path.join('.')}: ${i.message}`);
  throw new Error(lines.join('\n  '));
}

/** The callback issuers by name, for the callback route's secrets. */
export function callbackIssuers(config: IssuerConfig): Map<string, CallbackIssuerConfig> {
  const byName = new Map<string, CallbackIssuerConfig>();
  for (const type of VIRTUAL_INSTRUMENT_TYPES as readonly VirtualInstrumentType[]) {
    const entry = config[type];
    if (entry?.adapter === 'callback') byName.set(entry.issuer, entry);
  }
  return byName;
}
