import { beforeAll, describe, expect, inject, it } from 'vitest';
import { maskOpenid } from '../../functions/kernel/masking';
import type { AuditEntry } from '../../functions/audit';
import type { AuditStore } from '../../functions/audit/data/audit-store';
import type { Deps as AuditDeps } from '../../functions/audit/services/ports';
import type { SatisfactionDeps } from '../../functions/applications/services/ports';
import { makeIdNumber, makePhone } from '../support/ids';
import { outcomeOf, refusalOf } from '../support/outcome';
import { benefitRequest, benefitWorld, boundMember as benefitMember, official, type BenefitWorld } from '../support/benefits';
import { account, applicationWorld, boundMember, devPhone, joinForm, memberHolding, rawClient, type ApplicationWorld } from './applications/world';

/**
 * The audit trail on DynamoDB Local: the desk's and the subsidy campaigns' writes and the officials'
 * decisions and 回访 each leave exactly one entry, written in their own transaction (a refused one
 * leaves none); an official reads their subtree's trail (the province sees a city's, a sibling city
 * does not), newest first, filtered by actor and action, page by page; no ID number or phone in clear
 * anywhere.
 */
let b: BenefitWorld;
let w: ApplicationWorld;
let store: AuditStore;
let trail: AuditDeps;
let listAudit: typeof import('../../functions/audit/services/trail').listAudit;

beforeAll(async () => {
  b = await benefitWorld('audit');
  w = await applicationWorld('audit');
  store = (await import('../../functions/audit/data/audit-store')).auditStore;
  trail = await (await import('../../functions/audit/services/deps')).productionDeps();
  listAudit = (await import('../../functions/audit/services/trail')).listAudit;
}, 60_000);

/** Every entry of one subtree (all pages) about one target, newest first. */
async function entriesAbout(orgPath: string[], targetId: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list({ scope: { kind: 'subtree', orgPath }, after, limit: 100 });
    out.push(...page.entries.filter((e) => e.target.id === targetId));
    if (page.next === null) return out;
    after = page.next;
  }
}

/** The whole audit table as text (DynamoDB Local, small): nothing in clear may be in it. */
async function wholeTable(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rawClient().scan({ TableName: `${inject('tablePrefix')}audit`, ExclusiveStartKey: start as never });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

describe('the benefit desk', () => {
  it('leaves one entry per write, in the owning org subtree; refused writes leave none', async () => {
    const haikou = await official(b, b.cities.haikou.id);
    const cityPath = b.cities.haikou.path;
    const created = (await b.uc.createBenefit(b.deps, haikou, benefitRequest(b, { orgId: b.cities.haikou.id, title: '审计测试券' }))).benefit;
    const id = created.id;
    let entries = await entriesAbout(cityPath, id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'benefit.create',
      actor: { openid: maskOpenid(haikou), as: 'official', orgId: b.cities.haikou.id },
      target: { type: 'benefit', id, label: '审计测试券' },
      orgPath: cityPath,
      before: null,
      after: { id, title: '审计测试券', status: 'draft', stock: 100 },
    });

    await b.uc.updateBenefit(b.deps, haikou, id, benefitRequest(b, { orgId: b.cities.haikou.id, title: '审计测试券（改）' }));
    await b.uc.changeStock(b.deps, haikou, id, { add: 10 }); // a draft: an edit of its fields
    await b.uc.changeStatus(b.deps, haikou, id, 'publish');
    await b.uc.changeStock(b.deps, haikou, id, { add: 5 }); // published: over the shards
    await b.uc.changeStatus(b.deps, b.admin, id, 'pause');
    entries = await entriesAbout(cityPath, id);
    expect(entries.map((e) => e.action)).toEqual(['benefit.status', 'benefit.stock', 'benefit.status', 'benefit.stock', 'benefit.update', 'benefit.create']);
    expect(entries[0]).toMatchObject({ actor: { openid: maskOpenid(b.admin), as: 'admin', orgId: null }, before: { status: 'published' }, after: { status: 'paused', action: 'pause' } });
    expect(entries[1]).toMatchObject({ before: { stock: 110 }, after: { stock: 115, add: 5, regionCode: null } });
    expect(entries[2]).toMatchObject({ before: { status: 'draft' }, after: { status: 'published', action: 'publish' } });
    expect(entries[3]).toMatchObject({ before: { stock: 100 }, after: { stock: 110 } });
    expect(entries[4]).toMatchObject({ before: { title: '审计测试券' }, after: { title: '审计测试券（改）' } });
    const times = entries.map((e) => `${e.at}#${e.id}`);
    expect([...times].sort().reverse()).toEqual(times);

    // Refused: below what was claimed, a status it cannot take, outside the official's subtree.
    const member = await benefitMember(b, b.unions.haikou.id);
    await b.uc.changeStatus(b.deps, haikou, id, 'resume');
    const { claimBenefit } = await import('../../functions/benefits/services/claims');
    await claimBenefit(b.deps, member.openid, id, 'audit-claim-1');
    expect((await refusalOf(b.uc.changeStock(b.deps, haikou, id, { add: -115 }))).code).toBe('STOCK_BELOW_CLAIMED');
    expect((await refusalOf(b.uc.changeStatus(b.deps, haikou, id, 'publish'))).code).toBe('BENEFIT_STATUS_INVALID');
    const sanya = await official(b, b.cities.sanya.id);
    expect((await refusalOf(b.uc.changeStatus(b.deps, sanya, id, 'pause'))).code).toBe('FORBIDDEN');
    // The claim is a member's, not an official's write: no entry either.
    expect((await entriesAbout(cityPath, id)).map((e) => e.action)).toEqual(['benefit.status', ...entries.map((e) => e.action)]);
  });

  it('is read by the subtree: the province sees a city, a sibling city and the union below do not', async () => {
    const haikou = await official(b, b.cities.haikou.id);
    const { benefit } = await b.uc.createBenefit(b.deps, haikou, benefitRequest(b, { orgId: b.cities.haikou.id }));
    const province = await official(b, b.province.id);
    const sanya = await official(b, b.cities.sanya.id);
    const union = await official(b, b.unions.haikou.id);
    const sees = async (openid: string) => (await listAudit(trail, openid, { actor: haikou })).items.map((e) => e.target.id);
    expect(await sees(province)).toEqual([benefit.id]);
    expect(await sees(haikou)).toEqual([benefit.id]);
    expect(await sees(b.admin)).toEqual([benefit.id]);
    expect(await sees(sanya)).toEqual([]);
    expect(await sees(union)).toEqual([]);
    const view = (await listAudit(trail, province, { actor: haikou })).items[0];
    expect(view).toMatchObject({
      action: 'benefit.create',
      actor: { openid: maskOpenid(haikou), as: 'official', org: { id: b.cities.haikou.id, name: b.cities.haikou.name } },
      org: { id: b.cities.haikou.id, name: b.cities.haikou.name },
      target: { type: 'benefit', id: benefit.id },
    });
  });

  it('filters by actor and kind of action, newest first, page by page', async () => {
    const haikou = await official(b, b.cities.haikou.id);
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await b.uc.createBenefit(b.deps, haikou, benefitRequest(b, { orgId: b.cities.haikou.id }))).benefit.id);
    await b.uc.changeStatus(b.deps, haikou, ids[0] as string, 'publish');
    const statuses = await listAudit(trail, haikou, { actor: haikou, action: 'benefit.status' });
    expect(statuses.items.map((e) => [e.action, e.target.id])).toEqual([['benefit.status', ids[0]]]);
    expect(statuses.nextCursor).toBeNull();
    expect((await listAudit(trail, haikou, { actor: haikou, action: 'application' })).items).toEqual([]);

    const first = await listAudit(trail, haikou, { actor: haikou, action: 'benefit' });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]?.action).toBe('benefit.status');
    expect(first.nextCursor).not.toBeNull();
    const second = await listAudit(trail, haikou, { actor: haikou, action: 'benefit', cursor: first.nextCursor as string });
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all).toHaveLength(24);
    expect(all.slice(1).map((e) => e.target.id)).toEqual([...ids].reverse());
    const order = all.map((e) => `${e.at}#${e.id}`);
    expect([...order].sort().reverse()).toEqual(order);
  });
});

describe('decisions and 回访', () => {
  it('a decision leaves exactly one entry with it; a refused one, and the loser of a race, none', async () => {
    const guest = await account(w, 'guest');
    const filed = (await w.uc.submitApplication(w.deps, guest, { kind: 'join', form: joinForm(w.unions.bus.id) })).response.application;
    const idNumber = makeIdNumber();
    const phone = makePhone();
    const comment = `已核实身份证 ${idNumber}，电话 ${phone}，欢迎入会`;
    await w.uc.decideApplication(w.deps, w.officials.haikou, filed.id, { step: 's1', decision: 'approve', comment });
    const entries = await entriesAbout(w.unions.bus.path, filed.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'application.decide',
      actor: { openid: maskOpenid(w.officials.haikou), as: 'official', orgId: w.haikou.id },
      target: { type: 'application', id: filed.id, label: '入会申请' },
      orgPath: w.unions.bus.path,
      before: { status: 'pending', step: { id: 's1', status: 'open' } },
      after: { status: 'approved', decision: 'approve', step: { id: 's1', status: 'approved' } },
    });
    const text = JSON.stringify(entries[0]);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(phone);
    expect((entries[0]?.after as { step: { comment: string } }).step.comment).toBe(
      `已核实身份证 ${idNumber.slice(0, 2)}**************${idNumber.slice(-2)}，电话 ${phone.slice(0, 3)}****${phone.slice(-4)}，欢迎入会`,
    );
    const table = await wholeTable();
    expect(table).not.toContain(idNumber);
    expect(table).not.toContain(phone);

    // Refused in the transaction itself (the applicant's phone belongs to a member): no entry.
    const m = await boundMember(w, w.unions.bus.id);
    const laterTaken = makePhone();
    const taken = (await w.uc.submitApplication(w.deps, await account(w, 'guest'), { kind: 'join', form: joinForm(w.unions.food.id, { phoneCode: devPhone(laterTaken) }) }))
      .response.application;
    await memberHolding(w, w.unions.bus.id, laterTaken); // a member holds the phone by the time of the approval
    expect((await refusalOf(w.uc.decideApplication(w.deps, w.officials.food, taken.id, { step: 's1', decision: 'approve', comment: '' }))).code).toBe(
      'APPLICANT_PHONE_IN_USE',
    );
    expect(await entriesAbout(w.unions.food.path, taken.id)).toEqual([]);
    // A member deciding: refused before anything is written.
    expect((await refusalOf(w.uc.decideApplication(w.deps, m.openid, taken.id, { step: 's1', decision: 'reject', comment: '无权' }))).code).toBe('FORBIDDEN');
    expect(await entriesAbout(w.unions.food.path, taken.id)).toEqual([]);

    // Two officials at once: one decision, one entry.
    const raced = (await w.uc.submitApplication(w.deps, await account(w, 'guest'), { kind: 'join', form: joinForm(w.unions.food.id) })).response.application;
    const outcomes = await Promise.all([
      outcomeOf(w.uc.decideApplication(w.deps, w.officials.food, raced.id, { step: 's1', decision: 'approve', comment: '' })),
      outcomeOf(w.uc.decideApplication(w.deps, w.officials.haikou, raced.id, { step: 's1', decision: 'reject', comment: '材料不全' })),
    ]);
    expect(outcomes.sort()).toEqual(['ALREADY_DECIDED', 'accepted']);
    expect(await entriesAbout(w.unions.food.path, raced.id)).toHaveLength(1);
  });

  it('a 回访 recorded leaves one entry for the deciding union, seen above it and not beside it', async () => {
    const { satisfactionStore } = await import('../../functions/applications/data/satisfaction-store');
    const deps: SatisfactionDeps = { ...w.deps, satisfaction: satisfactionStore };
    const { rateApplication } = await import('../../functions/applications/services/ratings');
    const { followUpApplication } = await import('../../functions/applications/services/follow-up');
    const guest = await account(w, 'guest');
    const filed = (await w.uc.submitApplication(w.deps, guest, { kind: 'join', form: joinForm(w.unions.hotel.id) })).response.application;
    await w.uc.decideApplication(w.deps, w.officials.hotel, filed.id, { step: 's1', decision: 'reject', comment: '不符合条件' });
    await rateApplication(deps, guest, filed.id, { level: 1, comment: '太慢了' });
    // The applicant rating is not an official's write: still just the decision.
    expect((await entriesAbout(w.unions.hotel.path, filed.id)).map((e) => e.action)).toEqual(['application.decide']);
    await followUpApplication(deps, w.officials.sanya, filed.id, '已电话回访 13876001001，说明了办理依据');
    const entries = await entriesAbout(w.unions.hotel.path, filed.id);
    expect(entries.map((e) => e.action)).toEqual(['application.follow-up', 'application.decide']);
    expect(entries[0]).toMatchObject({
      actor: { openid: maskOpenid(w.officials.sanya), as: 'official', orgId: w.sanya.id },
      orgPath: w.unions.hotel.path,
      before: { followUp: { status: 'open' } },
      after: { followUp: { status: 'done', note: '已电话回访 138****1001，说明了办理依据', onTime: true } },
    });
    expect((await refusalOf(followUpApplication(deps, w.officials.sanya, filed.id, '再次回访'))).code).toBe('FOLLOW_UP_ALREADY_DONE');
    expect(await entriesAbout(w.unions.hotel.path, filed.id)).toHaveLength(2);

    const ids = async (openid: string) => (await listAudit(trail, openid, { action: 'application.follow-up', actor: w.officials.sanya })).items.map((e) => e.target.id);
    expect(await ids(w.officials.province)).toContain(filed.id);
    expect(await ids(w.officials.sanya)).toContain(filed.id);
    expect(await ids(w.officials.haikou)).not.toContain(filed.id);
    expect(await ids(w.officials.bus)).not.toContain(filed.id);
  });
});

describe('subsidy campaigns', () => {
  it('a create and an extension each leave one entry with before/after; a refused extension none', async () => {
    const { createCampaign, extendCampaign } = await import('../../functions/applications/services/campaigns');
    const { auditEntry } = await import('../../functions/audit');
    const DAY_MS = 86_400_000;
    const iso = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
    const created = await createCampaign(w.deps, w.officials.haikou, {
      title: '审计测试返乡补贴',
      description: '往返票价满50元可申请',
      orgId: w.haikou.id,
      applyFrom: iso(-1),
      applyUntil: iso(10),
      travelFrom: iso(-5).slice(0, 10),
      travelUntil: iso(20).slice(0, 10),
      fareThresholdFen: 5_000,
      tiers: [{ minFareFen: 5_000, amountFen: 5_000 }],
      places: 10,
    });
    const id = created.campaign.id;
    const stored = await w.deps.campaigns.get(id);
    if (!stored) throw new Error('campaign vanished');
    let entries = await entriesAbout(w.haikou.path, id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'campaign.create',
      actor: { openid: maskOpenid(w.officials.haikou), as: 'official', orgId: w.haikou.id },
      target: { type: 'campaign', id, label: '审计测试返乡补贴' },
      orgPath: w.haikou.path,
      before: null,
      after: { id, title: '审计测试返乡补贴', applyUntil: stored.applyUntil, extendedAt: null, places: 10 },
    });

    // Extended by the province above: one more entry, seen in the city's subtree.
    const until = iso(20);
    await extendCampaign(w.deps, w.officials.province, id, until);
    const extended = await w.deps.campaigns.get(id);
    entries = await entriesAbout(w.haikou.path, id);
    expect(entries.map((e) => e.action)).toEqual(['campaign.extend', 'campaign.create']);
    expect(entries[0]).toMatchObject({
      actor: { openid: maskOpenid(w.officials.province), as: 'official', orgId: w.province.id },
      orgPath: w.haikou.path,
      before: { applyUntil: stored.applyUntil, extendedAt: null },
      after: { applyUntil: until, extendedAt: extended?.extendedAt },
    });

    // Refused: a second extension by the use case, and by the store's own condition (its entry is not written).
    expect((await refusalOf(extendCampaign(w.deps, w.officials.haikou, id, iso(25)))).code).toBe('SUBSIDY_ALREADY_EXTENDED');
    const stray = auditEntry({
      actor: { openid: maskOpenid(w.officials.haikou), as: 'official', orgId: w.haikou.id },
      action: 'campaign.extend',
      target: { type: 'campaign', id },
      orgPath: w.haikou.path,
      before: null,
      after: null,
    });
    expect(await w.deps.campaigns.extend(id, until, iso(30), new Date().toISOString(), stray)).toBe(false);
    expect(await store.get(stray.id)).toBeNull();
    expect(await entriesAbout(w.haikou.path, id)).toHaveLength(2);
    expect((await w.deps.campaigns.get(id))?.applyUntil).toBe(until);
  });
});

describe('the store', () => {
  it('reads an org deeper than the indexed levels through its ancestor, and never overwrites an entry', async () => {
    const { auditEntry, auditPut } = await import('../../functions/audit');
    const { dynamoose } = await import('../../functions/kernel/data/client');
    const tag = `deep${Date.now().toString(36)}`;
    const path = [`${tag}-0`, `${tag}-1`, `${tag}-2`, `${tag}-3`, `${tag}-4a`];
    const sibling = [...path.slice(0, 4), `${tag}-4b`];
    const entry = (orgPath: string[], n: number) =>
      auditEntry({
        actor: { openid: 'o', as: 'official', orgId: orgPath.at(-1) ?? null },
        action: 'org.rename',
        target: { type: 'org', id: `${orgPath.at(-1)}-${n}` },
        orgPath,
        before: { name: '旧名' },
        after: { name: '新名', phone: '13876001001' },
        at: new Date(Date.UTC(2026, 11, 3, 8, 0, n)),
      });
    const written = [entry(path, 1), entry(sibling, 2), entry(path, 3)];
    for (const e of written) await dynamoose.transaction([auditPut(e)]);
    const deep = await store.list({ scope: { kind: 'subtree', orgPath: path }, limit: 10 });
    expect(deep.entries.map((e) => e.target.id)).toEqual([`${tag}-4a-3`, `${tag}-4a-1`]);
    expect(deep.entries[0]?.after).toEqual({ name: '新名', phone: '138****1001' });
    const level3 = await store.list({ scope: { kind: 'subtree', orgPath: path.slice(0, 4) }, limit: 2 });
    expect(level3.entries.map((e) => e.target.id)).toEqual([`${tag}-4a-3`, `${tag}-4b-2`]);
    const rest = await store.list({ scope: { kind: 'subtree', orgPath: path.slice(0, 4) }, limit: 2, after: level3.next as string });
    expect(rest).toEqual({ entries: [expect.objectContaining({ target: { type: 'org', id: `${tag}-4a-1` } })], next: null });
    // Append-only: the same id again is refused, the first one stays.
    const again = { ...(written[0] as AuditEntry), after: { name: '篡改' } };
    await expect(dynamoose.transaction([auditPut(again)])).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect((await store.get((written[0] as AuditEntry).id))?.after).toEqual({ name: '新名', phone: '138****1001' });
  });
});
