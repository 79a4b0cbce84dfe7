import type { AccountStore, Org, OrgDirectory, OrgStore } from '../../membership';
import type { BenefitFigures } from '../../benefits';
import type { SatisfactionFigures } from '../../applications/contracts/satisfaction';
import type { Tokens } from '../../kernel/tokens';
import type { Chunk } from '../domain/batch';

/** The side effects of the stats use cases. Production wiring: deps.ts; unit tests pass fakes. */

/** The stats table: counters and the stream marks. */
export interface StatsStore {
  /** Counter items by sort key for each org: one BatchGetItem per 100 keys. */
  read(orgIds: readonly string[], sortKeys: readonly string[]): Promise<Map<string, Map<string, Record<string, number>>>>;
  /** Σ `open` of the org's `due#` items up to `lastDate` (inclusive): one query (a few bytes a day). */
  openDueThrough(orgId: string, lastDate: string): Promise<number>;
  /** The stream sequence number last applied per source item (strongly consistent). */
  marks(source: string, itemKeys: readonly string[]): Promise<Map<string, string>>;
  /**
   * One transaction: the chunk's counter ADDs and its marks, each mark only if still `previous`
   * (absent when not in the map). 'changed' when a mark moved meanwhile (nothing written).
   */
  apply(source: string, chunk: Chunk, previous: ReadonlyMap<string, string>, now: Date): Promise<'done' | 'changed'>;
}

/** Paths of orgs (root first), cached. */
export interface OrgPaths {
  pathsOf(orgIds: readonly string[]): Promise<Map<string, string[]>>;
}

export interface StreamDeps {
  stats: StatsStore;
  orgPaths: OrgPaths;
  now: () => Date;
}

export interface DashboardDeps {
  accounts: AccountStore;
  orgs: OrgStore;
  directory: OrgDirectory;
  tokens: Tokens;
  stats: Pick<StatsStore, 'read' | 'openDueThrough'>;
  benefits: { ofSubtrees(rootOrgIds: readonly string[] | 'all', createdSince: number): Promise<BenefitFigures> };
  satisfaction: { ofSubtrees(rootOrgIds: readonly string[], month: string): Promise<SatisfactionFigures> };
  now: () => Date;
}

export type { Org };
