import { parseArgs } from 'node:util';

export interface ChaosOptions {
  /** How long notifications are driven. */
  seconds: number;
  /** Notifications per second. */
  rate: number;
  /** Seed of the kill schedule and of the customer picks. */
  seed: number;
  /** Share of requests that repeat an earlier one (a partner retrying). */
  replayShare: number;
  /** Requests sent at once per tick, so that the intake forms batches. */
  burst: number;
}

export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '180' },
      rate: { type: 'string', default: '60' },
      replays: { type: 'string', default: '0.1' },
      burst: { type: 'string', default: '10' },
      seed: { type: 'string', default: '20261123' },
      short: { type: 'boolean', default: false },
    },
  });
  const replayShare = Number(values.replays);
  const burst = Number(values.burst);
  if (values.short) return { seconds: 45, rate: 40, seed: Number(values.seed), replayShare, burst };
  return {
    seconds: Number(values.seconds),
    rate: Number(values.rate),
    seed: Number(values.seed),
    replayShare,
    burst,
  };
}

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
