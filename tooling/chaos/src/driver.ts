import type { ApiClient } from './api-client.js';

export interface DriveResult {
  sent: number;
  /** customer id → the changeTimes accepted with 202. */
  accepted: Map<string, string[]>;
  /** status → count, for everything that was not a 202. */
  rejected: Map<number, number>;
  /** Non-202 answers that were not the 503 envelope (a 500, a wrong body). */
  badAnswers: string[];
  /** Requests that repeated an earlier one (a partner retrying), and how many of those were 202. */
  replays: number;
  replaysAccepted: number;
  /** Requests that got no answer at all (the API was SIGKILLed or restarting). */
  unanswered: number;
}

export interface DriveOptions {
  seconds: number;
  rate: number;
  random: () => number;
  /** Share of requests that repeat an earlier one, sent or not answered. */
  replayShare: number;
  /** Requests sent at once per tick, so that the API's intake forms batches. */
  burst: number;
}

/**
 * Sends change notifications at a steady rate, in bursts, to random customers for a while. A share
 * repeats an earlier request (the same customer and changeTime): a replay must be 202 again and
 * change nothing, and one whose original got no answer (the API was killed) is how a partner makes
 * sure it is stored.
 */
export async function driveNotifications(
  call: ApiClient,
  customers: string[],
  options: DriveOptions,
): Promise<DriveResult> {
  const result: DriveResult = {
    sent: 0,
    accepted: new Map(),
    rejected: new Map(),
    badAnswers: [],
    replays: 0,
    replaysAccepted: 0,
    unanswered: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const sentBefore: { customer: string; changeTime: string }[] = [];
  const started = Date.now();
  const total = options.seconds * options.rate;
  let counter = 0;
  for (let i = 0; i < total; i += options.burst) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let j = 0; j < options.burst && i + j < total; j++) {
      const replay = sentBefore.length > 0 && options.random() < options.replayShare;
      const pick = replay
        ? sentBefore[Math.floor(options.random() * sentBefore.length)]!
        : {
            customer: customers[Math.floor(options.random() * customers.length)]!,
            // Distinct within a burst: the milliseconds are shared, so a counter makes them unique.
            changeTime: new Date(Date.now() - 1000 + (counter++ % 1000)).toISOString(),
          };
      if (!replay) sentBefore.push(pick);
      if (replay) result.replays++;
      result.sent++;
      const p = send(call, result, pick, replay);
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
    }
  }
  await Promise.all(inFlight);
  return result;
}

async function send(
  call: ApiClient,
  result: DriveResult,
  { customer, changeTime }: { customer: string; changeTime: string },
  replay: boolean,
): Promise<void> {
  const { status, body } = await call('POST', `/v2/customer-persons/${customer}/change-notifications`, {
    changeType: 'PASSWORD_CHANGED',
    changeTime,
  });
  if (status === 202) {
    const times = result.accepted.get(customer) ?? [];
    if (!times.includes(changeTime)) result.accepted.set(customer, [...times, changeTime]);
    if (replay) result.replaysAccepted++;
    return;
  }
  if (status === 0) {
    result.unanswered++;
    return;
  }
  result.rejected.set(status, (result.rejected.get(status) ?? 0) + 1);
  const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
  // During the database outages the contract is 503 in the seed envelope; anything else is a fault.
  if (!(status === 503 && code === 'DW-SERVICE-UNAVAILABLE')) badAnswers(result, status, body);
}

function badAnswers(result: DriveResult, status: number, body: unknown) {
  if (result.badAnswers.length < 20)
    result.badAnswers.push(`${status} ${JSON.stringify(body)?.slice(0, 200)}`);
}
