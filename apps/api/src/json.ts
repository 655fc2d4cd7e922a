declare global {
  interface JSON {
    rawJSON(text: string): unknown;
  }
}

/**
 * An int8 from the database as an exact JSON number, however large: JSON.stringify writes the
 * digits as they are instead of passing them through a float.
 */
export function exactInteger(digits: string): number {
  return JSON.rawJSON(digits) as number;
}
