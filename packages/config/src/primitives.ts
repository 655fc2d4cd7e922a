import { z } from 'zod';

/** `true` or `false`, nothing else: a typo must not read as false. */
export const envBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A whole number within bounds, from its decimal text. */
export const envInteger = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
