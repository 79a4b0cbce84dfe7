import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/membership/services/ports';
import { type TestTree, type UseCases, createMember, integrationSetup, loggedIn } from './context';
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


describe('membership card QR', () => {
  it('is shown only to bound members and verified by a clerk with the name masked', async () => {
    const m = await createMember(deps, tree.union.id, { name: '陈海生' });
    const openid = await loggedIn(deps);
    expect(await outcomeOf(getCard(deps, openid))).toBe('NOT_BOUND');
    await bindMember(deps, openid, bindingOf(m));
    const card = await getCard(deps, openid);
    expect(card.memberName).toBe('陈海生');
    expect(card.unionName).toBe(tree.union.name);
    expect(new Date(card.qr.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);

    const clerk = `dev-clerk-${Date.now().toString(36)}`;
    await deps.merchants.createIfAbsent({ id: 'test-merchant', name: '测试影城' });
    await deps.accounts.createIfAbsent({ openid: clerk, roles: [{ type: 'clerk', merchantId: 'test-merchant' }] }, new Date());
    const verified = await verifyCard(deps, clerk, card.qr.payload);
    expect(verified).toMatchObject({ valid: true, number: card.number, memberName: '陈*生', unionName: tree.union.name });

    // A plain member may not use the merchant's check.
    expect(await outcomeOf(verifyCard(deps, openid, card.qr.payload))).toBe('FORBIDDEN');
    expect(await outcomeOf(verifyCard(deps, clerk, `${card.qr.payload}x`))).toBe('CARD_TOKEN_INVALID');
  });
});
