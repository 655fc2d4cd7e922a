import { screen } from './screen.js';
import type { ScreeningIndex } from './screening-index.js';
import type { ScreeningQuery, ScreeningResult } from './types.js';

const SEVERITY = { GREEN: 0, YELLOW: 1, RED: 2 } as const;

/**
 * The parts of a customer's profile (seed 003's account update) that screening reads: a person, or
 * a company. The API maps its validated body into it; this package knows no request shape.
 */
export interface ScreenedProfile {
  consumer?:
    | {
        firstName: string;
        middleName?: string | undefined;
        lastName: string;
        dateOfBirth?: string | undefined;
      }
    | undefined;
  businessConsumer?: { companyName: string; companyTradingName?: string | undefined } | undefined;
}

/** The names a profile is screened by: the person with their birthdate, or the company's names. */
export function queriesOf(body: ScreenedProfile): ScreeningQuery[] {
  if (body.consumer) {
    const c = body.consumer;
    const name = [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ');
    return [{ kind: 'person', name, ...(c.dateOfBirth && { birthdate: c.dateOfBirth }) }];
  }
  const b = body.businessConsumer!;
  const names = [b.companyName, b.companyTradingName].filter((n): n is string => Boolean(n));
  return names.map((name) => ({ kind: 'company', name }));
}

/** Screens every query against every index; the most severe result wins, with the details of all its peers. */
export function screenAll(indexes: ScreeningIndex[], queries: ScreeningQuery[]): ScreeningResult {
  const results = indexes.flatMap((index) => queries.map((query) => screen(index, query)));
  const worst = results.reduce<ScreeningResult | undefined>(
    (a, b) =>
      !a ||
      SEVERITY[b.trafficLight] > SEVERITY[a.trafficLight] ||
      (SEVERITY[b.trafficLight] === SEVERITY[a.trafficLight] && b.score > a.score)
        ? b
        : a,
    undefined,
  );
  if (!worst || worst.trafficLight === 'GREEN') {
    return { trafficLight: 'GREEN', manualReview: false, details: [], score: 0, matches: [] };
  }
  const peers = results.filter((r) => r.trafficLight === worst.trafficLight);
  const seen = new Set<string>();
  const details = peers
    .flatMap((r) => r.details)
    .filter((d) => {
      const key = `${d.name}|${d.birthdate ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ...worst, details, matches: peers.flatMap((r) => r.matches) };
}
