import { inject } from 'vitest';
import { ulid } from 'ulid';
import type { ScheduleDeps } from '../../../functions/applications/services/schedule';
import type { Messenger, OfficialDirectory, OutgoingMessage } from '../../../functions/applications/services/sender';
import { ensureTables, tablePrefix } from '../../../scripts/lib/tables';
import { account, applicationWorld, type ApplicationWorld } from './world';

/**
 * The scheduler and the sender work on queues that span the whole table (the byDue index, the
 * outbox's byPending): a run takes every due step and every pending notice there is. So that other
 * test files' applications never enter these files' runs (and the reverse), each of these files
 * works on tables of its own — stage `stage` of serverless.yml, created on the same DynamoDB Local —
 * by loading the data layer with that prefix before anything else does (the data layer reads its
 * configuration once per process, and vitest gives each file its own).
 */
export async function outboxWorld(stage: string): Promise<OutboxWorld> {
  const endpoint = inject('dynamodbEndpoint');
  await ensureTables(endpoint, stage);
  Object.assign(process.env, {
    STAGE: 'test',
    TABLE_PREFIX: tablePrefix(stage),
    WECHAT_MODE: 'dev',
    DYNAMODB_ENDPOINT: endpoint,
    LOCAL_SECRETS_FILE: inject('secretsFile'),
    AWS_REGION: 'cn-northwest-1',
    LOG_LEVEL: 'error',
  });
  await import('../../../functions/kernel/data/client');
  const world = await applicationWorld(stage);
  const [{ outboxStore, deadlineStore }, { satisfactionStore }, schedule, sender] = await Promise.all([
    import('../../../functions/applications/data/outbox-store'),
    import('../../../functions/applications/data/satisfaction-store'),
    import('../../../functions/applications/services/schedule'),
    import('../../../functions/applications/services/sender'),
  ]);
  // A second official of 椰城公交, so that a notice to its officials has two recipients.
  const busDeputy = await account(world, 'off-bus2', [{ type: 'official', orgId: world.unions.bus.id }]);
  const byOrg = new Map<string, string[]>([
    [world.province.id, [world.officials.province]],
    [world.haikou.id, [world.officials.haikou]],
    [world.sanya.id, [world.officials.sanya]],
    [world.unions.bus.id, [world.officials.bus, busDeputy]],
    [world.unions.food.id, [world.officials.food]],
    [world.unions.hotel.id, [world.officials.hotel]],
  ]);
  const directory: OfficialDirectory = { officialsOf: async (orgId) => byOrg.get(orgId) ?? [] };
  return { ...world, busDeputy, directory, outboxStore, deadlineStore, satisfactionStore, schedule, sender };
}

export interface OutboxWorld extends ApplicationWorld {
  busDeputy: string;
  /** Who the officials of each org of the world are, as a fixed list (membership's index: officialStore). */
  directory: OfficialDirectory;
  outboxStore: ScheduleDeps['outbox'];
  deadlineStore: ScheduleDeps['deadlines'];
  satisfactionStore: ScheduleDeps['satisfaction'];
  schedule: typeof import('../../../functions/applications/services/schedule');
  sender: typeof import('../../../functions/applications/services/sender');
}

/** A messenger that keeps what it was asked to send; `fails(call)` makes a call throw (like -1). */
export function recordingMessenger(options: { fails?: (call: number) => boolean; delayMs?: number } = {}) {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  const messenger: Messenger = {
    async send(message) {
      calls += 1;
      const call = calls;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fails?.(call)) throw new Error('system error (-1)');
      sent.push(message);
      return { status: 'sent' };
    },
  };
  return { messenger, sent, calls: () => calls };
}

/** The deps of a scheduler/sender run at `clock()` (a function, so a test can move time). */
export function runDeps(w: OutboxWorld, clock: () => Date, messenger: Messenger): ScheduleDeps {
  return {
    applications: w.deps.applications,
    calendar: w.deps.calendar,
    outbox: w.outboxStore,
    deadlines: w.deadlineStore,
    directory: w.deps.directory,
    satisfaction: w.satisfactionStore,
    officials: w.directory,
    messenger,
    newId: ulid,
    now: clock,
  };
}

/** How often each distinct message went out (a message twice = a duplicate). */
export function countsOf(sent: OutgoingMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sent) {
    const key = JSON.stringify([m.touser, m.template, m.page, m.data]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The instant `minutes` after `iso`. */
export const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);
