/** The data of a `webhook-delivery` job: deliver the oldest pending event of its key. */
export interface DeliveryJobData {
  deliveryId: string;
  subscriptionId: string;
  accountId: string;
}

/**
 * The job's singletonKey. The queue is key_strict_fifo, so one subscription's deliveries for one
 * account run one at a time, and a delivery waiting to retry holds back the ones after it.
 */
export function deliveryJobKey(subscriptionId: string, accountId: string): string {
  return `${subscriptionId}:${accountId}`;
}
