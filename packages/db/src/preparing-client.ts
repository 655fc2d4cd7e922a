import { createHash } from 'node:crypto';
import pg from 'pg';

/** Most statements one connection keeps prepared; later texts run unnamed, as before. */
const MAX_PREPARED_PER_CONNECTION = 500;

/**
 * Parameterised statements only. A statement without parameters (pg-boss inlines its fetch's values)
 * would be planned once, generically, with the statistics of that moment: a fetch prepared while the
 * job table was empty kept scanning it whole (19 ms a fetch instead of 0.5 ms). Commands (BEGIN, SET,
 * DDL) and multi-statement texts (migrations) have no parameters either.
 */
function preparable(values: unknown): boolean {
  return Array.isArray(values) && values.length > 0;
}

/**
 * The promise form of a query, through pg's callback form. pg's own promise form kept the objects of
 * finished requests alive from one young-generation GC to the next in the API (a few MB promoted per
 * scavenge, scavenges of 2 to 7 ms: the feed's p99); the callback form does not. The stack is
 * re-captured on failure, as pg does, so that it leads back to the caller rather than to the socket.
 */
function callbackAsPromise(
  run: (cb: (err: Error | null, result: pg.QueryResult) => void) => void,
): Promise<pg.QueryResult> {
  return new Promise<pg.QueryResult>((resolve, reject) => {
    run((err, result) => (err ? reject(err) : resolve(result)));
  }).catch((err: unknown) => {
    if (err instanceof Error) Error.captureStackTrace(err);
    throw err;
  });
}

/**
 * A pg Client that prepares every parameterised statement by name, once per connection.
 *
 * Why: Kysely sends each query unnamed, so PostgreSQL parses and plans it on every call. On a
 * worker job of a dozen small statements that planning cost as much database CPU as running them
 * (pg_stat_statements: plan time ≈ exec time). Named, a statement is parsed once per connection,
 * and after five runs PostgreSQL may keep a generic plan.
 *
 * Statements without parameters run as before (see preparable). The names are a hash of the text,
 * so the same text has the same name on every connection. If a table's row type
 * changes under a prepared `SELECT *` (a migration by a newer release), PostgreSQL refuses the
 * statement once; that text then runs unnamed on this connection from then on.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string | null>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are re-exposed unchanged.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string') return super.query(config, values, callback);
    // pg-pool's pool.query passes a callback; Kysely awaits the promise.
    const done = typeof values === 'function' ? values : callback;
    const params = typeof values === 'function' ? undefined : values;
    const name = preparable(params) ? this.#nameOf(config) : null;
    const run = (cb: (err: Error | null, result: pg.QueryResult) => void) =>
      name === null
        ? super.query(config, params, cb)
        : super.query(
            { name, text: config, values: params ?? [] },
            (err: Error | null, result: pg.QueryResult) => {
              if ((err as { code?: string } | null)?.code === '0A000') this.#names.set(config, null);
              cb(err, result);
            },
          );
    if (typeof done === 'function') return run(done);
    return callbackAsPromise(run);
  }

  #nameOf(text: string): string | null {
    const known = this.#names.get(text);
    if (known !== undefined) return known;
    if (this.#names.size >= MAX_PREPARED_PER_CONNECTION) return null;
    const name = `k_${createHash('sha1').update(text).digest('hex')}`;
    this.#names.set(text, name);
    return name;
  }
}
