import type { ApiClient } from './api-client.js';

export interface DriveResult {
  sent: number;
  /** customer id → the changeTimes accepted with 202. */
  accepted: Map<string, string[]>;
  /** status → count, for everything that was not a 202. */
  rejected: Map<number, number>;
  /** Non-202 answers that were not the 503 envelope (a 500, a wrong body). */
  badAnswers: string[];
}

/** Sends change notifications at a steady rate to random customers for a while. */
export async function driveNotifications(
  call: ApiClient,
  customers: string[],
  options: { seconds: number; rate: number; random: () => number },
): Promise<DriveResult> {
  const result: DriveResult = { sent: 0, accepted: new Map(), rejected: new Map(), badAnswers: [] };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const total = options.seconds * options.rate;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const customer = customers[Math.floor(options.random() * customers.length)]!;
    const changeTime = new Date().toISOString();
    result.sent++;
    const p = call('POST', `/v2/customer-persons/${customer}/change-notifications`, {
      changeType: 'PASSWORD_CHANGED',
      changeTime,
    }).then(({ status, body }) => {
      if (status === 202) {
        result.accepted.set(customer, [...(result.accepted.get(customer) ?? []), changeTime]);
        return;
      }
      result.rejected.set(status, (result.rejected.get(status) ?? 0) + 1);
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      // During the database outage the contract is 503 in the seed envelope; a dropped connection (0) is not.
      if (!(status === 503 && code === 'DW-SERVICE-UNAVAILABLE')) badAnswers(result, status, body);
    });
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return result;
}

function badAnswers(result: DriveResult, status: number, body: unknown) {
  if (result.badAnswers.length < 20)
    result.badAnswers.push(`${status} ${JSON.stringify(body)?.slice(0, 200)}`);
}
