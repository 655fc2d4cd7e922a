import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler.js';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for equal strings and 0 for nothing in common', () => {
    expect(jaroWinkler('habbash', 'habbash')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('handles strings longer than its buffers', () => {
    const long = 'a'.repeat(100);
    expect(jaroWinkler(long, `${long}b`)).toBeGreaterThan(0.99);
  });
});
