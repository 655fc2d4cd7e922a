import {
  applyChangeNotification,
  applyChangeNotifications,
  type CoolingOffPeriods,
  expireRestriction,
  processInstrumentRequest,
} from '@wallet/core';
import { type Database, retryTransient } from '@wallet/db';
import type { VirtualInstrumentType } from '@wallet/domain';
import type { IssuerPort } from '@wallet/instruments';
import { INSTRUMENT_REQUEST_RETRY_LIMIT, type JobData, type PgBoss, type QUEUES } from '@wallet/jobs';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

export interface HandlerDeps {
  db: Kysely<Database>;
  boss: PgBoss;
  periods: CoolingOffPeriods;
  issuers: Record<VirtualInstrumentType, IssuerPort>;
}

/**
 * One change notification, in one transaction: restriction placed or extended, lift scheduled, marked
 * processed. A deadlock or serialization failure runs the transaction again (retryTransient) before
 * the job counts as failed.
 */
export async function handleChangeNotification(
  deps: HandlerDeps,
  data: JobData<typeof QUEUES.changeNotification>,
  logger: Logger,
): Promise<object> {
  const outcome = await retryTransient(() =>
    deps.db
      .transaction()
      .execute((trx) =>
        applyChangeNotification(
          { trx, boss: deps.boss, requestId: data.requestId },
          { notificationId: data.notificationId, periods: deps.periods },
        ),
      ),
  );
  logger.info({ notificationId: data.notificationId, ...outcome }, 'change notification applied');
  return outcome;
}

/**
 * Several change notifications in ONE transaction (see settleTogether): all applied and committed
 * together, or none. applyChangeNotifications locks their customers first, all at once and in id
 * order, so two batches over the same customers queue instead of deadlocking, and does the batch's
 * work in a few statements; a conflict that still happens runs the transaction again (retryTransient).
 */
export async function handleChangeNotifications(
  deps: HandlerDeps,
  items: { data: JobData<typeof QUEUES.changeNotification>; logger: Logger }[],
): Promise<object[]> {
  const notifications = items.map(({ data }) => ({ id: data.notificationId, requestId: data.requestId }));
  const outcomes = await retryTransient(() =>
    deps.db
      .transaction()
      .execute((trx) =>
        applyChangeNotifications({ trx, boss: deps.boss }, { notifications, periods: deps.periods }),
      ),
  );
  items.forEach(({ data, logger }, i) => {
    logger.info({ notificationId: data.notificationId, ...outcomes[i] }, 'change notification applied');
  });
  return outcomes;
}

/** Lifts the restriction if it is still active and due; a no-op when a partner lifted it or it was extended. */
export async function handleRestrictionExpiry(
  deps: HandlerDeps,
  data: JobData<typeof QUEUES.restrictionExpiry>,
  logger: Logger,
): Promise<object> {
  const outcome = await retryTransient(() =>
    deps.db
      .transaction()
      .execute((trx) => expireRestriction({ trx, boss: deps.boss, requestId: data.requestId }, data)),
  );
  const summary =
    outcome.result === 'lifted'
      ? { result: 'lifted', accountsChanged: outcome.change.events.length }
      : outcome;
  logger.info({ restrictionId: data.restrictionId, ...summary }, 'restriction expiry handled');
  return summary;
}

/**
 * Puts one virtual instrument request to its issuer, in one transaction with the answer's status.
 * A retryable issuer failure throws (pg-boss retries the job); on the job's last attempt it is
 * recorded as FAILED instead. `retryCount` is the attempt's number from 0.
 */
export async function handleInstrumentRequest(
  deps: HandlerDeps,
  data: JobData<typeof QUEUES.instrumentRequest>,
  retryCount: number,
  logger: Logger,
): Promise<object> {
  const outcome = await deps.db.transaction().execute((trx) =>
    processInstrumentRequest(
      { trx, boss: deps.boss, requestId: data.requestId },
      {
        assignmentId: data.assignmentId,
        attempt: retryCount + 1,
        finalAttempt: retryCount >= INSTRUMENT_REQUEST_RETRY_LIMIT,
      },
      deps.issuers,
    ),
  );
  logger.info({ assignmentId: data.assignmentId, ...outcome }, 'instrument request handled');
  return outcome;
}
