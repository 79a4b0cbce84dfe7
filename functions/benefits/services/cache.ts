import type { MerchantStore, OrgStore } from '../../membership';
import type { BenefitStore } from './ports';

/**
 * Per-container read caches for the claim path. Under a flash crowd every claim reads the same
 * benefit, the same few orgs and merchants: one DynamoDB item takes ≈ 3,000 strongly consistent
 * (6,000 eventually consistent) reads/s, so without a cache those reads, not the sharded stock,
 * would become the ceiling. Nothing here decides a claim: the transaction's conditions do.
 */
class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
    private readonly maxEntries = 1_000,
  ) {}

  /** The cached value, or `load()`'s; values that `keep` refuses (and failures) are not kept. */
  get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    const entry = { value, until: now + this.ttlMs };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    value.then((v) => (keep(v) ? undefined : forget()), forget);
    return value;
  }
}

/**
 * `get` answers from a copy at most `ttlMs` old: a pause or an end reaches claims within that time.
 * Absent benefits and drafts are not kept, so a benefit is claimable as soon as it is published.
 */
export function cachedBenefitReads(store: BenefitStore, ttlMs: number, clock = Date.now): BenefitStore {
  const cache = new TtlCache<Awaited<ReturnType<BenefitStore['get']>>>(ttlMs, clock);
  return { ...store, get: (id) => cache.get(id, () => store.get(id), (b) => b !== null && b.status !== 'draft') };
}

/** Batched reads by id where only found items are cached (an id created a moment later is not missed). */
function cachedById<T>(getMany: (ids: string[]) => Promise<Map<string, T>>, ttlMs: number, clock: () => number) {
  const entries = new Map<string, { value: T; until: number }>();
  return async (ids: string[]): Promise<Map<string, T>> => {
    const now = clock();
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = entries.get(id);
      if (hit && hit.until > now) out.set(id, hit.value);
      else missing.push(id);
    }
    if (missing.length > 0) {
      if (entries.size >= 5_000) entries.clear();
      for (const [id, value] of await getMany(missing)) {
        entries.set(id, { value, until: now + ttlMs });
        out.set(id, value);
      }
    }
    return out;
  };
}

/** The org tree changes rarely: paths and region codes are read at most every `ttlMs`. */
export function cachedOrgs(store: OrgStore, ttlMs: number, clock = Date.now): OrgStore {
  return { ...store, getMany: cachedById((ids) => store.getMany(ids), ttlMs, clock) };
}

/** Merchant names for answers (never for a clerk's right to redeem, which reads the merchant fresh). */
export function cachedMerchants(store: MerchantStore, ttlMs: number, clock = Date.now): MerchantStore {
  return { ...store, getMany: cachedById((ids) => store.getMany(ids), ttlMs, clock) };
}
