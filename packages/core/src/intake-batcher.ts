import {
  acceptChangeNotifications,
  type IntakeContext,
  type IntakeItem,
  type IntakeResult,
} from './change-notification-intake.js';

export interface IntakeBatcherOptions {
  /** Most notifications in one statement; default 200. */
  maxBatch?: number;
  /** Most statements running at once; requests that arrive meanwhile wait and go together. Default 2. */
  maxInFlight?: number;
  /**
   * Most notifications waiting for a statement; one more is refused at once with IntakeOverloadedError
   * (the API answers 503 with Retry-After) instead of growing memory and latency without bound.
   * Default 2,000: ten full batches, a few hundred milliseconds of work at the rates measured.
   */
  maxWaiting?: number;
}

/** The intake's waiting list is full: the caller should come back shortly (503, Retry-After). */
export class IntakeOverloadedError extends Error {
  override name = 'IntakeOverloadedError';
  constructor(readonly waiting: number) {
    super(`intake overloaded: ${waiting} notifications already waiting`);
  }
}

interface Waiting {
  item: IntakeItem;
  resolve(result: IntakeResult): void;
  reject(err: unknown): void;
}

/**
 * The next batch: up to `maxBatch` of the waiting notifications in arrival order, except that a
 * notification whose Idempotency-Key an earlier member of the batch carries stays waiting for the
 * next one. The statement stores rows in customer order, so two such twins in one batch could be
 * decided out of arrival order; in consecutive batches the first to arrive is the one accepted, and
 * the later one is its replay (or its 409), every time. Twins by change share their customer, so the
 * statement keeps their order itself.
 */
function takeBatch(waiting: Waiting[], maxBatch: number): { batch: Waiting[]; rest: Waiting[] } {
  const batch: Waiting[] = [];
  const rest: Waiting[] = [];
  const keys = new Set<string>();
  for (const w of waiting) {
    const key =
      w.item.idempotencyKey === undefined ? undefined : `${w.item.tenantId}\u0000${w.item.idempotencyKey}`;
    if (batch.length >= maxBatch || (key !== undefined && keys.has(key))) {
      rest.push(w);
      continue;
    }
    if (key !== undefined) keys.add(key);
    batch.push(w);
  }
  return { batch, rest };
}

/**
 * Group commit for the intake. Notifications that arrive while earlier statements are running are
 * stored together, in one statement and one transaction, instead of one round trip and one commit
 * each: under load that is most of the cost (see the compliance worker's README). An idle API sends
 * at once, on the next turn of the event loop.
 *
 * Every caller still gets its own answer only after its row and job are committed. A replay or an
 * unknown customer in a batch is resolved per row inside the batch's statement and costs the others
 * nothing (acceptChangeNotifications); only a failure of the statement itself (the database is
 * down) fails every member. One batcher per API process; it holds no state beyond the requests in
 * flight.
 */
export function createIntakeBatcher(ctx: IntakeContext, options: IntakeBatcherOptions = {}) {
  const maxBatch = options.maxBatch ?? 200;
  const maxInFlight = options.maxInFlight ?? 2;
  const maxWaiting = options.maxWaiting ?? 2_000;
  let waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    // Let the requests already read in this turn of the event loop join the batch.
    setImmediate(flush);
  };

  const flush = () => {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const { batch, rest } = takeBatch(waiting, maxBatch);
      waiting = rest;
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  };

  const run = async (batch: Waiting[]): Promise<void> => {
    try {
      const results = await acceptChangeNotifications(
        ctx,
        batch.map((w) => w.item),
      );
      batch.forEach((w, i) => {
        w.resolve(results[i] as IntakeResult);
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };

  return {
    /** Notifications waiting for a statement (the back-pressure gauge), and statements running. */
    depth: () => ({ waiting: waiting.length, inFlight }),
    accept(item: IntakeItem): Promise<IntakeResult> {
      if (waiting.length >= maxWaiting) return Promise.reject(new IntakeOverloadedError(waiting.length));
      return new Promise<IntakeResult>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;
