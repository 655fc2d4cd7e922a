import { billingAddress, STATE_CODE_COUNTRIES, subdivisionsOf, updateAccountBody } from '@wallet/validation';

/** A regular expression matching `text` in any case (JSON Schema patterns have no `i` flag). */
function anyCase(text: string): string {
  return [...text]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch))
    .join('');
}

/** Seed 003: stateCode is mandatory for USA and CAN, and there an ISO 3166-2 subdivision (any case). */
function stateCodeRule(country: (typeof STATE_CODE_COUNTRIES)[number]) {
  const codes = [...subdivisionsOf(country)].sort();
  return {
    if: { properties: { countryCode: { pattern: `^${anyCase(country)}$` } }, required: ['countryCode'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
    then: {
      required: ['stateCode'],
      properties: {
        stateCode: {
          pattern: `^(${codes.map(anyCase).join('|')})$`,
          description: `For ${country}: an ISO 3166-2 subdivision code (${codes.join(', ')})`,
        },
      },
    },
  };
}

/**
 * The route's own schema, with its rules across fields stated in JSON Schema: exactly one of consumer
 * and businessConsumer (`oneOf`), and the USA/CAN stateCode rule (`if`/`then`).
 */
export const UpdateAccountRequest = updateAccountBody
  .extend({ billingAddress: billingAddress.meta({ allOf: STATE_CODE_COUNTRIES.map(stateCodeRule) }) })
  .meta({
    id: 'UpdateAccountRequest',
    oneOf: [
      { required: ['consumer'], not: { required: ['businessConsumer'] } },
      { required: ['businessConsumer'], not: { required: ['consumer'] } },
    ],
  });
