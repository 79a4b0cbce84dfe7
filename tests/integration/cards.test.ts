import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import type { StoredRole } from '../../functions/membership/domain/types';
import { type TestTree, type UseCases, createMember, createTree, integrationSetup, loggedIn } from './context';
import { outcomeOf } from '../support/outcome';
import { bindingOf } from '../support/binding';

let deps: Deps;
let tree: TestTree;
let bindMember: UseCases['bindMember'];
let getCard: UseCases['getCard'];
let verifyCard: UseCases['verifyCard'];

beforeAll(async () => {
  ({ deps, tree, bindMember, getCard, verifyCard } = await integrationSetup('card', '02'));
});

const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

async function accountWith(role: StoredRole): Promise<string> {
  const openid = `dev-verifier-${tag()}`;
  await deps.accounts.createIfAbsent({ openid, roles: [role] }, new Date());
  return openid;
}

async function boundMemberCard(name = '陈海生') {
  const m = await createMember(deps, tree.union.id, { name });
  const openid = await loggedIn(deps);
  expect(await outcomeOf(getCard(deps, openid))).toBe('NOT_BOUND');
  await bindMember(deps, openid, bindingOf(m), '10.1.0.1');
  return { m, openid, card: await getCard(deps, openid) };
}

describe('membership card QR', () => {
  it('is shown only to bound members, carries no member id, and is verified by an active clerk with the name masked', async () => {
    const { m, openid, card } = await boundMemberCard();
    expect(card.memberName).toBe('陈海生');
    expect(card.unionName).toBe(tree.union.name);
    expect(new Date(card.qr.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    const claims = JSON.parse(Buffer.from(card.qr.payload.split('.')[1] as string, 'base64url').toString());
    expect(JSON.stringify(claims)).not.toContain(m.id);
    expect(claims).toMatchObject({ cn: card.number });
    expect(typeof claims.jti).toBe('string');

    const merchantId = `test-merchant-${tag()}`;
    await deps.merchants.createIfAbsent({ id: merchantId, name: '测试影城', status: 'active', agreements: [] });
    const clerk = await accountWith({ type: 'clerk', merchantId });
    const verified = await verifyCard(deps, clerk, card.qr.payload);
    expect(verified).toMatchObject({ valid: true, number: card.number, memberName: '陈*生', unionName: tree.union.name });

    // Recorded: who, when, which card, with which QR.
    const checks = await deps.cardChecks.listFor(card.number);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ cardNumber: card.number, checkedBy: clerk, jti: claims.jti, role: { type: 'clerk', merchantId } });

    // A plain member may not use the merchant's check; a tampered QR is refused.
    expect(await outcomeOf(verifyCard(deps, openid, card.qr.payload))).toBe('FORBIDDEN');
    expect(await outcomeOf(verifyCard(deps, clerk, `${card.qr.payload}x`))).toBe('CARD_TOKEN_INVALID');
  });

  it('refuses clerks of suspended or vanished merchants and officials outside the member’s part of the tree', async () => {
    const { card } = await boundMemberCard('王小明');
    const suspendedId = `test-closed-${tag()}`;
    await deps.merchants.createIfAbsent({ id: suspendedId, name: '已停业商户', status: 'suspended', agreements: [] });
    const suspendedClerk = await accountWith({ type: 'clerk', merchantId: suspendedId });
    const orphanClerk = await accountWith({ type: 'clerk', merchantId: `never-existed-${tag()}` });
    const elsewhere = await createTree(deps, `elsewhere${tag()}`, '03');
    const outsideOfficial = await accountWith({ type: 'official', orgId: elsewhere.city.id });
    for (const openid of [suspendedClerk, orphanClerk, outsideOfficial]) {
      expect(await outcomeOf(verifyCard(deps, openid, card.qr.payload)), openid).toBe('FORBIDDEN');
    }
    expect(await deps.cardChecks.listFor(card.number)).toHaveLength(0);

    // An official of the member's city federation, and an admin, may.
    const cityOfficial = await accountWith({ type: 'official', orgId: tree.city.id });
    const admin = await accountWith({ type: 'admin' });
    expect(await verifyCard(deps, cityOfficial, card.qr.payload)).toMatchObject({ valid: true, number: card.number });
    expect(await verifyCard(deps, admin, card.qr.payload)).toMatchObject({ valid: true });
    const roles = (await deps.cardChecks.listFor(card.number)).map((c) => c.role.type).sort();
    expect(roles).toEqual(['admin', 'official']);
  });
});

describe('the card’s short numeric code (typed or scanned at the counter)', () => {
  it('is 10 digits starting with 8, new on each refresh, verifies its card (typed with spaces too) and is recorded as that code', async () => {
    const { openid, card } = await boundMemberCard('李春华');
    const again = await getCard(deps, openid);
    expect(card.qr.code).toMatch(/^8\d{9}$/);
    expect(again.qr.code).not.toBe(card.qr.code);
    const lives = Date.parse(card.qr.codeExpiresAt) - Date.now();
    expect(lives).toBeGreaterThan(100_000);
    expect(lives).toBeLessThanOrEqual(120_000);

    const merchantId = `test-merchant-${tag()}`;
    await deps.merchants.createIfAbsent({ id: merchantId, name: '测试书店', status: 'active', agreements: [] });
    const clerk = await accountWith({ type: 'clerk', merchantId });
    const typed = `${card.qr.code.slice(0, 3)} ${card.qr.code.slice(3, 6)} ${card.qr.code.slice(6)}`;
    expect(await verifyCard(deps, clerk, typed)).toEqual({
      valid: true,
      number: card.number,
      memberName: '李*华',
      unionName: tree.union.name,
      expiresAt: card.qr.codeExpiresAt,
    });
    expect(await verifyCard(deps, clerk, again.qr.code)).toMatchObject({ valid: true, number: card.number });
    const checks = await deps.cardChecks.listFor(card.number);
    expect(checks.map((c) => c.jti).sort()).toEqual([`code:${again.qr.code}`, `code:${card.qr.code}`].sort());

    // The same rules as the token: a member may not check, an official elsewhere may not.
    expect(await outcomeOf(verifyCard(deps, openid, card.qr.code))).toBe('FORBIDDEN');
    const elsewhere = await createTree(deps, `codes${tag()}`, '03');
    expect(await outcomeOf(verifyCard(deps, await accountWith({ type: 'official', orgId: elsewhere.city.id }), card.qr.code))).toBe('FORBIDDEN');
  });

  it('expires after two minutes, and a coupon’s code is not a card’s', async () => {
    const { card } = await boundMemberCard('周明');
    const clerk = await accountWith({ type: 'admin' });
    const later = { ...deps, now: () => new Date(Date.now() + 121_000) };
    expect(await outcomeOf(verifyCard(later, clerk, card.qr.code))).toBe('CARD_CODE_NOT_FOUND');
    expect(await outcomeOf(verifyCard(deps, clerk, `6${card.qr.code.slice(1)}`))).toBe('CARD_CODE_NOT_FOUND');
    expect(await deps.cardChecks.listFor(card.number)).toHaveLength(0);
  });

  it('limits a merchant to 20 wrong codes an hour across its clerks (then a right code is not looked up either), and an official to 20 of their own', async () => {
    const { card } = await boundMemberCard('吴海燕');
    const merchantId = `test-guessed-${tag()}`;
    await deps.merchants.createIfAbsent({ id: merchantId, name: '被猜测的商户', status: 'active', agreements: [] });
    const clerks = [await accountWith({ type: 'clerk', merchantId }), await accountWith({ type: 'clerk', merchantId })];
    const wrong = (n: number) => `8${String((Number(card.qr.code.slice(1)) + 1 + n) % 1e9).padStart(9, '0')}`;
    const misses = new Set<string>();
    for (let n = 0; n < 20; n += 1) misses.add(await outcomeOf(verifyCard(deps, clerks[n % 2] as string, wrong(n))));
    expect(misses).toEqual(new Set(['CARD_CODE_NOT_FOUND']));
    expect(await outcomeOf(verifyCard(deps, clerks[0] as string, card.qr.code))).toBe('CODE_LOOKUPS_LIMITED');
    // The signed token is still accepted, and another merchant's clerk still looks codes up.
    expect(await verifyCard(deps, clerks[1] as string, card.qr.payload)).toMatchObject({ valid: true });
    const otherId = `test-other-${tag()}`;
    await deps.merchants.createIfAbsent({ id: otherId, name: '另一家商户', status: 'active', agreements: [] });
    expect(await verifyCard(deps, await accountWith({ type: 'clerk', merchantId: otherId }), card.qr.code)).toMatchObject({ valid: true });

    const official = await accountWith({ type: 'official', orgId: tree.city.id });
    for (let n = 0; n < 20; n += 1) await outcomeOf(verifyCard(deps, official, wrong(100 + n)));
    expect(await outcomeOf(verifyCard(deps, official, card.qr.code))).toBe('CODE_LOOKUPS_LIMITED');
    expect(await verifyCard(deps, await accountWith({ type: 'official', orgId: tree.city.id }), card.qr.code)).toMatchObject({ valid: true });
  }, 60_000);
});
