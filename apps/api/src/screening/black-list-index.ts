import type { BlackListEntryRow, Database } from '@wallet/db';
import { buildScreeningIndexAsync, type ListEntry, type ScreeningIndex } from '@wallet/screening';
import type { Kysely } from 'kysely';

interface Cached {
  version: string;
  index: ScreeningIndex | undefined;
  entries: number;
}

function toListEntry(row: BlackListEntryRow): ListEntry {
  return {
    listType: 'BL',
    id: row.id,
    subject: row.subject === 'COMPANY' ? 'entity' : 'individual',
    name: row.name,
    aliases: [],
    birthdates: row.birthdate
      ? [{ text: row.birthdate, from: row.birthdate, to: row.birthdate, exact: true }]
      : [],
    programs: [],
  };
}

/**
 * Each tenant's black list, indexed in this process and rebuilt when its version moves.
 *
 * - Every screening reads the tenant's version (one primary-key row, bumped in the same
 *   transaction as each change), so a change counts at the next screening on every replica.
 * - A rebuild hands the event loop back every few hundred entries (`buildScreeningIndexAsync`):
 *   the tenant whose list changed waits for its own index, no other tenant's request does.
 *   Concurrent screenings of one tenant share one rebuild.
 * - Memory is bounded: at most `maxCachedEntries` entries stay indexed, all tenants together;
 *   the least recently used tenants' indexes are dropped first (and rebuilt when next needed).
 *   With `BLACK_LIST_MAX_ENTRIES` per tenant the largest single index is bounded too.
 */
export class BlackListIndexes {
  readonly #cache = new Map<string, Cached>();
  readonly #building = new Map<string, Promise<Cached>>();
  readonly #maxCachedEntries: number;
  #cachedEntries = 0;

  constructor(options: { maxCachedEntries?: number } = {}) {
    this.#maxCachedEntries = options.maxCachedEntries ?? 200_000;
  }

  /** Entries currently indexed in this process, all tenants together. */
  get cachedEntries(): number {
    return this.#cachedEntries;
  }

  async forTenant(db: Kysely<Database>, tenantId: string): Promise<ScreeningIndex | undefined> {
    return (await this.withVersion(db, tenantId)).index;
  }

  /** The tenant's index (undefined for an empty list) and the version it was built from (`BL:<version>:<entries>`). */
  async withVersion(
    db: Kysely<Database>,
    tenantId: string,
  ): Promise<{ index: ScreeningIndex | undefined; version: string }> {
    const row = await db
      .selectFrom('black_list_versions')
      .select(['version', 'entries'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    const version = row ? `${row.version}:${row.entries}` : '0:0';
    const shown = `BL:${version}`;
    if (!row || row.entries === 0) return { index: undefined, version: shown };
    const cached = this.#cache.get(tenantId);
    if (cached?.version === version) {
      // Most recently used last: Map iteration order is insertion order.
      this.#cache.delete(tenantId);
      this.#cache.set(tenantId, cached);
      return { index: cached.index, version: shown };
    }
    const key = `${tenantId}@${version}`;
    let building = this.#building.get(key);
    if (!building) {
      building = this.#build(db, tenantId, version).finally(() => this.#building.delete(key));
      this.#building.set(key, building);
    }
    return { index: (await building).index, version: shown };
  }

  async #build(db: Kysely<Database>, tenantId: string, version: string): Promise<Cached> {
    const rows = await db
      .selectFrom('black_list_entries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    const built: Cached = {
      version,
      index: rows.length > 0 ? await buildScreeningIndexAsync(rows.map(toListEntry)) : undefined,
      entries: rows.length,
    };
    const previous = this.#cache.get(tenantId);
    if (previous) {
      this.#cachedEntries -= previous.entries;
      this.#cache.delete(tenantId);
    }
    this.#cache.set(tenantId, built);
    this.#cachedEntries += built.entries;
    for (const [tenant, entry] of this.#cache) {
      if (this.#cachedEntries <= this.#maxCachedEntries || tenant === tenantId) break;
      this.#cache.delete(tenant);
      this.#cachedEntries -= entry.entries;
    }
    return built;
  }
}
