import { describe, expect, it } from 'vitest';
import { auditActor, auditEntry, auditTime, maskAuditEntry, maskAuditValue, type AuditEntry } from '../../functions/audit/domain/entry';
import { AppError } from '../../functions/kernel/errors';
import type { AuditPage, AuditQuery as StoreQuery, AuditStore } from '../../functions/audit/data/audit-store';
import type { Deps } from '../../functions/audit/services/ports';
import { AUDIT_PAGE_SIZE, listAudit } from '../../functions/audit/services/trail';
import type { Account, Org } from '../../functions/membership';
import { APPLICATION_AUDIT_ACTIONS } from '../../functions/applications/domain/audit';
import { BENEFIT_AUDIT_ACTIONS } from '../../functions/benefits/domain/audit';
import { MEMBERSHIP_AUDIT_ACTIONS } from '../../functions/membership/domain/audit';
import { ROSTER_IMPORT_AUDIT_ACTIONS } from '../../functions/workbench/domain/audit';

/**
 * The audit trail without a database: masking of before/after (nested, inside text, numbers, named
 * fields), who an entry names as actor, entry ids and times, and the trail use case over a fake
 * store (who reads which scope, filters passed on, several subtrees merged newest first, cursors).
 */

const ID = '460106199707187236';
const ID_X = '46020319911020324X';
const PHONE = '13876001001';

describe('masking an audit value', () => {
  it('masks ID numbers and mobile numbers inside text, at any depth, and leaves the rest alone', () => {
    const value = {
      note: `申请人身份证 ${ID}，联系电话 ${PHONE}。`,
      nested: { list: [{ text: `x${ID_X}y` }, `tel:${PHONE}`], deeper: { deepest: [[`${ID}`]] } },
      stock: 12500,
      price: 0,
      flag: true,
      none: null,
      order: 'order 12345 at 2026-11-29',
      long: '1234567890123456789012',
    };
    const masked = maskAuditValue(value);
    const text = JSON.stringify(masked);
    for (const clear of [ID, ID_X, PHONE]) expect(text).not.toContain(clear);
    expect(masked).toEqual({
      note: '申请人身份证 46**************36，联系电话 138****1001。',
      nested: { list: [{ text: 'x46**************4Xy' }, 'tel:138****1001'], deeper: { deepest: [['46**************36']] } },
      stock: 12500,
      price: 0,
      flag: true,
      none: null,
      order: 'order 12345 at 2026-11-29',
      long: '1234567890123456789012',
    });
    // The input is not changed.
    expect(value.note).toContain(ID);
  });

  it('masks fields named after a phone or an ID number whatever their shape, and phone-sized numbers', () => {
    expect(
      maskAuditValue({ phone: '+86 138 7600 1001', mobile: PHONE, idNumber: 'H12345678', member: { idNumber: ID, phoneNumber: PHONE }, n: 13876001001 }),
    ).toEqual({
      phone: '+86*******1001',
      mobile: '138****1001',
      idNumber: 'H1*****78',
      member: { idNumber: '46**************36', phoneNumber: '138****1001' },
      n: '138****1001',
    });
    // Masking twice changes nothing.
    const once = maskAuditValue({ note: `${ID} ${PHONE}`, phone: PHONE });
    expect(maskAuditValue(once)).toEqual(once);
    expect(maskAuditValue(undefined)).toBeNull();
    expect(maskAuditValue({ gone: undefined, kept: 1 })).toEqual({ kept: 1 });
  });
});

describe('an audit entry', () => {
  it('names an admin as admin, an official by the deepest org of the path they hold a role for', () => {
    const path = ['p', 'c', 'g'];
    expect(auditActor('a', [{ type: 'official', orgId: 'c' }, { type: 'admin' }], path)).toEqual({ openid: 'a', as: 'admin', orgId: null });
    expect(auditActor('o', [{ type: 'official', orgId: 'p' }, { type: 'official', orgId: 'c' }], path)).toEqual({ openid: 'o', as: 'official', orgId: 'c' });
    expect(auditActor('o', [{ type: 'member' }, { type: 'official', orgId: 'x' }], path)).toEqual({ openid: 'o', as: 'official', orgId: 'x' });
    expect(() => auditActor('m', [{ type: 'member' }, { type: 'clerk' }], path)).toThrow(/neither an admin nor an official/);
  });

  it('gets a ULID of its time and the time in China, to the millisecond', () => {
    const at = new Date('2026-12-03T16:30:00.123Z');
    expect(auditTime(at)).toBe('2026-12-04T00:30:00.123+08:00');
    const entry = auditEntry({
      actor: { openid: 'a', as: 'admin', orgId: null },
      action: 'benefit.create',
      target: { type: 'benefit', id: 'b1' },
      orgPath: ['p'],
      before: null,
      after: { title: 't' },
      at,
    });
    expect(entry.at).toBe('2026-12-04T00:30:00.123+08:00');
    expect(entry.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const { id: _id, at: _at, ...fields } = entry;
    const later = auditEntry({ ...fields, at: new Date(at.getTime() + 1) });
    expect(later.id > entry.id).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The trail use case over a fake store

const org = (id: string, path: string[]): Org => ({ id, name: `工会${id}`, parentId: path.at(-2) ?? null, kind: 'city', regionCode: null, workUnit: null, path });
const ORGS = [org('p', ['p']), org('c1', ['p', 'c1']), org('c2', ['p', 'c2']), org('g1', ['p', 'c1', 'g1'])];

const entryAt = (n: number, orgPath: string[], action: AuditEntry['action'] = 'benefit.status', actor = 'o'): AuditEntry => ({
  id: `01JAAAAAAAAAAAAAAAAAAAA${String(n).padStart(3, '0')}`.slice(-26),
  at: `2026-12-03T10:${String(n).padStart(2, '0')}:00.000+08:00`,
  actor: { openid: actor, as: 'official', orgId: orgPath.at(-1) ?? null },
  action,
  target: { type: 'benefit', id: `b${n}` },
  orgPath,
  before: { status: 'draft' },
  after: { status: 'published' },
});

/** A store holding `entries` that answers like auditStore: scope, filters, newest first, `limit` + cursor. */
function fakeStore(entries: AuditEntry[], calls: StoreQuery[]): AuditStore {
  const pos = (e: AuditEntry) => `${e.at}#${e.id}`;
  return {
    async get(id) {
      return entries.find((e) => e.id === id) ?? null;
    },
    async list(query): Promise<AuditPage> {
      calls.push(query);
      const inScope = (e: AuditEntry) => query.scope.kind === 'all' || query.scope.orgPath.every((id, k) => e.orgPath[k] === id);
      const hits = entries
        .filter(inScope)
        .filter((e) => !query.actor || e.actor.openid === query.actor)
        .filter((e) => !query.actionPrefix || e.action.startsWith(query.actionPrefix))
        .filter((e) => !query.after || pos(e) < (query.after as string))
        .sort((a, b) => (pos(a) < pos(b) ? 1 : -1));
      const page = hits.slice(0, query.limit);
      return { entries: page, next: hits.length > query.limit ? pos(page.at(-1) as AuditEntry) : null };
    },
  };
}

function deps(accounts: Account[], store: AuditStore): Deps {
  return {
    accounts: { get: async (openid: string) => accounts.find((a) => a.openid === openid) ?? null } as unknown as Deps['accounts'],
    orgs: {
      getMany: async (ids: string[]) => new Map(ORGS.filter((o) => ids.includes(o.id)).map((o) => [o.id, o])),
      createIfAbsent: async () => true,
    },
    audit: store,
    tokens: {} as Deps['tokens'],
  };
}

const account = (openid: string, roles: Account['roles']): Account => ({ openid, memberId: null, roles, createdAt: '2026-01-01T00:00:00Z' });

describe('GET /api/admin/audit (use case)', () => {
  const people = [
    account('admin', [{ type: 'admin' }]),
    account('prov', [{ type: 'official', orgId: 'p' }]),
    account('city1', [{ type: 'official', orgId: 'c1' }]),
    account('two', [{ type: 'official', orgId: 'c1' }, { type: 'official', orgId: 'c2' }, { type: 'official', orgId: 'g1' }]),
    account('member', []),
  ];

  it('refuses accounts that are neither officials nor admins, and unknown accounts', async () => {
    const d = deps(people, fakeStore([], []));
    await expect(listAudit(d, 'member', {})).rejects.toMatchObject({ code: 'FORBIDDEN', message: '只有工会工作人员可以查看操作记录' });
    await expect(listAudit(d, 'nobody', {})).rejects.toBeInstanceOf(AppError);
  });

  it('reads everything for an admin, the own subtree for an official, with the filters passed on', async () => {
    const calls: StoreQuery[] = [];
    const entries = [entryAt(1, ['p', 'c1']), entryAt(2, ['p', 'c2']), entryAt(3, ['p', 'c1', 'g1'], 'application.decide'), entryAt(4, [])];
    const d = deps(people, fakeStore(entries, calls));
    expect((await listAudit(d, 'admin', {})).items.map((e) => e.target.id)).toEqual(['b4', 'b3', 'b2', 'b1']);
    expect(calls.at(-1)).toMatchObject({ scope: { kind: 'all' } });
    const city = await listAudit(d, 'city1', { action: 'application', actor: 'o' });
    expect(calls.at(-1)).toMatchObject({ scope: { kind: 'subtree', orgPath: ['p', 'c1'] }, actionPrefix: 'application.', actor: 'o' });
    expect(city.items.map((e) => e.target.id)).toEqual(['b3']);
    expect(city.items[0]).toMatchObject({ org: { id: 'g1', name: '工会g1' }, actor: { openid: 'o****', as: 'official', org: { id: 'g1', name: '工会g1' } } });
    await listAudit(d, 'city1', { action: 'benefit.status' });
    expect(calls.at(-1)).toMatchObject({ actionPrefix: 'benefit.status' });
  });

  it('merges the subtrees of an official of several orgs, newest first, an org under another read once', async () => {
    const calls: StoreQuery[] = [];
    const entries = Array.from({ length: 30 }, (_, n) => entryAt(n + 1, n % 3 === 0 ? ['p', 'c2'] : n % 3 === 1 ? ['p', 'c1'] : ['p', 'c1', 'g1']));
    const d = deps(people, fakeStore(entries, calls));
    const first = await listAudit(d, 'two', {});
    expect(calls.map((c) => (c.scope.kind === 'subtree' ? c.scope.orgPath.join('/') : 'all')).sort()).toEqual(['p/c1', 'p/c2']);
    expect(first.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.items.map((e) => e.target.id)).toEqual(Array.from({ length: 20 }, (_, k) => `b${30 - k}`));
    expect(first.nextCursor).not.toBeNull();
    const second = await listAudit(d, 'two', { cursor: first.nextCursor as string });
    expect(second.items.map((e) => e.target.id)).toEqual(Array.from({ length: 10 }, (_, k) => `b${10 - k}`));
    expect(second.nextCursor).toBeNull();
  });

  it('keeps what every subtree has covered when one of them stops short (a rare filter)', async () => {
    const entries = [entryAt(1, ['p', 'c1']), entryAt(2, ['p', 'c2']), entryAt(5, ['p', 'c1']), entryAt(9, ['p', 'c2'])];
    const store = fakeStore(entries, []);
    // c2's page stops at minute 05 without reaching its older entries: c1's entry of minute 01 waits.
    const d = deps(people, {
      ...store,
      async list(query) {
        if (query.scope.kind === 'subtree' && query.scope.orgPath.at(-1) === 'c2' && !query.after) {
          return { entries: [entries[3] as AuditEntry], next: `${(entries[2] as AuditEntry).at}#${(entries[2] as AuditEntry).id}` };
        }
        return store.list(query);
      },
    });
    const first = await listAudit(d, 'two', {});
    expect(first.items.map((e) => e.target.id)).toEqual(['b9', 'b5']);
    const second = await listAudit(d, 'two', { cursor: first.nextCursor as string });
    expect(second.items.map((e) => e.target.id)).toEqual(['b2', 'b1']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor that is not one of its own', async () => {
    const d = deps(people, fakeStore([], []));
    for (const cursor of ['junk', Buffer.from('o20').toString('base64url'), Buffer.from('2026-12-03T10:00:00Z#x').toString('base64url')]) {
      await expect(listAudit(d, 'prov', { cursor })).rejects.toMatchObject({ code: 'INVALID_INPUT', fields: { cursor: '分页参数不正确' } });
    }
  });
});

describe('the action codes', () => {
  it('are declared by the capability that writes them, dotted, and claimed by one capability only', () => {
    const lists = [BENEFIT_AUDIT_ACTIONS, APPLICATION_AUDIT_ACTIONS, MEMBERSHIP_AUDIT_ACTIONS, ROSTER_IMPORT_AUDIT_ACTIONS];
    const all: string[] = lists.flat();
    expect(new Set(all).size).toBe(all.length);
    // The trail's filter (contracts/audit.ts) takes `<what>` or `<what>.<change>`.
    for (const code of all) expect(code).toMatch(/^[a-z][a-z-]*\.[a-z-]+$/);
    const owners = new Map<string, number>();
    lists.forEach((list, n) => list.forEach((code) => owners.set(code.split('.')[0] as string, n)));
    for (const [n, list] of lists.entries()) for (const code of list) expect(owners.get(code.split('.')[0] as string)).toBe(n);
  });
});

describe('openids in the trail (review, item 8)', () => {
  const openid = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';
  const actor = 'oAbCdEfGhIjKlMnOpQrStUvWxYz0';
  it('masks the actor, an account target and openid fields of before/after; leaves other targets; idempotent', () => {
    const entry = auditEntry({
      actor: { openid: actor, as: 'official', orgId: 'c' },
      action: 'role.grant',
      target: { type: 'account', id: openid },
      orgPath: ['p', 'c'],
      before: { bound: true, openid, note: '身份证 46010619900307123X 电话 13876001001' },
      after: { held: true },
    });
    const masked = maskAuditEntry(entry);
    expect(masked.actor).toEqual({ openid: 'oAbC****Yz0'.replace('Yz0', 'xYz0'), as: 'official', orgId: 'c' });
    expect(masked.target).toEqual({ type: 'account', id: 'o6_b****fL2M' });
    expect(masked.before).toEqual({ bound: true, openid: 'o6_b****fL2M', note: '身份证 46**************3X 电话 138****1001' });
    expect(JSON.stringify(masked)).not.toContain(openid);
    expect(JSON.stringify(masked)).not.toContain(actor);
    expect(maskAuditEntry(masked)).toEqual(masked);
    const merchant = maskAuditEntry({ ...entry, target: { type: 'merchant', id: 'm-01kdvdnewmerchant', label: '书店' } });
    expect(merchant.target).toEqual({ type: 'merchant', id: 'm-01kdvdnewmerchant', label: '书店' });
    expect(maskAuditValue({ actorOpenid: actor })).toEqual({ actorOpenid: 'oAbC****xYz0' });
  });

  it("keeps a hex hash whole though it holds a run of digits shaped like a phone or an ID number (a draw's ticketsHash)", () => {
    const ticketsHash = '85c1db8bd15908127933fa8356ac0b442694a3c1a57b39d756bacde73d1db574';
    expect(maskAuditValue({ ticketsHash, note: `哈希 ${ticketsHash}，联系 13876001001` })).toEqual({ ticketsHash, note: `哈希 ${ticketsHash}，联系 138****1001` });
    expect(maskAuditValue({ note: '联系13876001001，身份证46010619900307123X。' })).toEqual({ note: '联系138****1001，身份证46**************3X。' });
  });

  it('masks who created, approved or decided something inside before/after (a campaign, a benefit approval)', () => {
    const after = { createdBy: openid, approvedBy: actor, approval: { by: actor, byOrgId: 'c' }, steps: [{ decidedBy: openid }], title: '补贴' };
    const masked = maskAuditValue(after);
    expect(masked).toEqual({
      createdBy: 'o6_b****fL2M',
      approvedBy: 'oAbC****xYz0',
      approval: { by: 'oAbC****xYz0', byOrgId: 'c' },
      steps: [{ decidedBy: 'o6_b****fL2M' }],
      title: '补贴',
    });
    expect(JSON.stringify(masked)).not.toContain(openid);
    expect(maskAuditValue(masked)).toEqual(masked);
  });
});
