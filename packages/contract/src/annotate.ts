import { z } from 'zod';

type Shape = Record<string, z.ZodType>;

/**
 * The route's own object schema with OpenAPI annotations on some fields. The routes' schemas parse
 * strings through transforms and pipes (for their error texts), which the generator can only describe
 * by their input (a plain string); the annotations state the enum, the bounds or the default as the
 * API applies them. Strictness is kept; object-level refinements only matter when parsing.
 */
export function annotate<S extends Shape>(
  schema: z.ZodObject<S>,
  fields: Partial<Record<keyof S, Record<string, unknown>>>,
): z.ZodObject<Shape> {
  const shape: Shape = { ...schema.shape };
  for (const [key, meta] of Object.entries(fields)) {
    const field = shape[key];
    if (!field || !meta) throw new Error(`annotate: no field ${key}`);
    shape[key] = field.meta(meta);
  }
  const strict = schema.def.catchall?._zod.def.type === 'never';
  return strict ? z.strictObject(shape) : z.object(shape);
}
