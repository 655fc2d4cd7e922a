import {
  acceptChangeNotification,
  type IntakeContext,
  type IntakeItem,
  type IntakeResult,
  isRefusedInsert,
  storeChangeNotifications,
} from './change-notification-intake.js';

export interface IntakeBatcherOptions {
  /** Most notifications in one statement; default 200. */
  maxBatch?: number;
  /** Most statements running at once; requests that arrive meanwhile wait and go together. Default 2. */
  maxInFlight?: number;
}

interface Waiting {
  item: IntakeItem;
  resolve(result: IntakeResult): void;
  reject(err: unknown): void;
}

/** What two notifications of one batch may collide on: their customer, and their Idempotency-Key. */
function collisionKeys(item: IntakeItem): string[] {
  const keys = [`customer:${item.tenantId}:${item.customerId}`];
  if (item.idempotencyKey !== undefined) keys.push(`key:${item.tenantId}:${item.idempotencyKey}`);
  return keys;
}

/**
 * Runs `accept` for every waiting notification at once, except that one which could collide with an
 * earlier one of the batch (the same customer, or the same key) starts only once that one is done:
 * of two twins the first to arrive is the one accepted, and the later one is its replay, every time.
 * `accept` must not reject.
 */
function inArrivalOrderWhereTheyCollide(
  batch: Waiting[],
  accept: (w: Waiting) => Promise<void>,
): Promise<void>[] {
  const latest = new Map<string, Promise<void>>();
  return batch.map((w) => {
    const keys = collisionKeys(w.item);
    const earlier = keys.flatMap((k) => latest.get(k) ?? []);
    const done = earlier.length === 0 ? accept(w) : Promise.all(earlier).then(() => accept(w));
    for (const k of keys) latest.set(k, done);
    return done;
  });
}

/**
 * Group commit for the intake. Notifications that arrive while earlier statements are running are
 * stored together, in one statement and one transaction, instead of one round trip and one commit
 * each: under load that is most of the cost (see the compliance worker's README). An idle API sends
 * at once, on the next turn of the event loop.
 *
 * Every caller still gets its own answer only after its row and job are committed. A batch refused
 * because one of its notifications is a replay or names an unknown customer enqueues nothing; its
 * notifications are then accepted one by one, so one bad request never fails another.
 * One batcher per API process; it holds no state beyond the requests in flight.
 */
export function createIntakeBatcher(ctx: IntakeContext, options: IntakeBatcherOptions = {}) {
  const maxBatch = options.maxBatch ?? 200;
  const maxInFlight = options.maxInFlight ?? 2;
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
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  };

  const run = async (batch: Waiting[]): Promise<void> => {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      await acceptChangeNotification(ctx, only.item).then(only.resolve, only.reject);
      return;
    }
    try {
      const ids = await storeChangeNotifications(
        ctx,
        batch.map((w) => w.item),
      );
      batch.forEach((w, i) => {
        w.resolve({ kind: 'accepted', notificationId: ids[i] as string });
      });
    } catch (err) {
      if (!isRefusedInsert(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // One of them is a replay or names no customer: each on its own, to give each its answer.
      await Promise.all(
        inArrivalOrderWhereTheyCollide(batch, (w) =>
          acceptChangeNotification(ctx, w.item).then(w.resolve, w.reject),
        ),
      );
    }
  };

  return {
    accept(item: IntakeItem): Promise<IntakeResult> {
      return new Promise<IntakeResult>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;
