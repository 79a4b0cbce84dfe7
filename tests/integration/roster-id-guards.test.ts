import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import { createMember, integrationSetup } from './context';
import { makePhone } from '../support/ids';

/**
 * The ID guard of every member (README › Roster import › Scale), against DynamoDB Local: each writer
 * of new members writes it (here the one membership shares with the seed and a join's approval), the
 * backfill gives it to members created before, lists members sharing an ID number, and marks the
 * roster complete; the import's store then finds members by the guards alone.
 */
let deps: Deps;
let orgId: string;

const guardOf = async (idNumber: string) => {
  const { GuardModel } = await import('../../functions/kernel/data/guard-model');
  return (await GuardModel.get({ key: `member#id#${deps.idCrypto.hash(idNumber)}` }, { consistent: true }))?.owner ?? null;
};

beforeAll(async () => {
  const setup = await integrationSetup('idg', '01');
  deps = setup.deps;
  orgId = setup.tree.union.id;
});

describe('the ID guard', () => {
  it('is written with every new member; a second entry for the same ID number is refused whatever its id', async () => {
    const member = await createMember(deps, orgId, { name: '守卫者' });
    expect(await guardOf(member.idNumber)).toBe(member.id);
    const again = await deps.roster.createIfAbsent({ name: '守卫者', idNumber: member.idNumber, phone: makePhone(), orgId }, deps.idCrypto, new Date());
    expect(again.outcome).toBe('exists');
    expect(await deps.roster.get(again.id)).toBeNull();
  });

  it('the backfill gives older members theirs, lists two members sharing one ID number, and marks the roster complete once none do', async () => {
    const { GuardModel } = await import('../../functions/kernel/data/guard-model');
    const { MemberModel } = await import('../../functions/membership/data/models/member');
    const { backfillIdGuards } = await import('../../functions/membership/data/roster-maintenance');
    // A member from before the guard: its guard removed.
    const old = await createMember(deps, orgId, { name: '老会员' });
    await GuardModel.delete({ key: `member#id#${deps.idCrypto.hash(old.idNumber)}` });
    // A second roster entry for someone's ID number, as an old bug could have left it.
    const twin = await createMember(deps, orgId, { name: '重复者' });
    const copy = (await MemberModel.get({ id: twin.id }))!.toJSON() as Record<string, unknown>;
    const twinId = `${twin.id.slice(0, -1)}Z`;
    await MemberModel.create({ ...copy, id: twinId, phone: undefined, cardNumber: undefined }, { overwrite: false });

    const first = await backfillIdGuards({ pageSize: 200 });
    expect(await guardOf(old.idNumber)).toBe(old.id);
    expect(first.conflicts).toContain(twinId);
    expect(first.complete).toBe(false);
    expect(first.written).toBeGreaterThanOrEqual(1);

    await MemberModel.delete({ id: twinId });
    const second = await backfillIdGuards({ pageSize: 200 });
    expect(second).toMatchObject({ written: 0, conflicts: [], complete: true });
    expect(await GuardModel.get({ key: 'member#id#complete' })).toBeDefined();
  });

  it('the import store trusts the guards alone once the roster is marked complete', async () => {
    const { createRosterImportStore } = await import('../../functions/membership/data/roster-import-store');
    const { GuardModel } = await import('../../functions/kernel/data/guard-model');
    const { backfillIdGuards } = await import('../../functions/membership/data/roster-maintenance');
    await backfillIdGuards({ pageSize: 200 });
    const member = await createMember(deps, orgId, { name: '查找者' });
    const hash = deps.idCrypto.hash(member.idNumber);
    // Without its guard: the query finds it, the guards alone do not (the member is the backfill's to fix).
    await GuardModel.delete({ key: `member#id#${hash}` });
    const byQuery = await createRosterImportStore({ unguardedMembers: 'query-index' }).lookup([hash], []);
    expect(byQuery.byIdHash.get(hash)?.memberId).toBe(member.id);
    const marked = await createRosterImportStore({ unguardedMembers: 'when-backfilled' }).lookup([hash], []);
    expect(marked.byIdHash.has(hash)).toBe(false);
    // With it (as every writer now writes it): found either way, one guard read.
    await GuardModel.create({ key: `member#id#${hash}`, owner: member.id });
    expect((await createRosterImportStore({ unguardedMembers: 'when-backfilled' }).lookup([hash], [])).byIdHash.get(hash)?.memberId).toBe(member.id);
  });
});
