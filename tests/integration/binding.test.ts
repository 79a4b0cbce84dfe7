import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BINDING_CONSENT_VERSION } from '../../functions/membership/contracts/me';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import type { Deps } from '../../functions/membership/services/ports';
import { type TestTree, type UseCases, createMember, integrationSetup, loggedIn } from './context';
import { makePhone } from '../support/ids';
import { outcomeOf } from '../support/outcome';
import { bindingOf } from '../support/binding';

let deps: Deps;
let tree: TestTree;
let bindMember: UseCases['bindMember'];
let getMe: UseCases['getMe'];

beforeAll(async () => {
  ({ deps, tree, bindMember, getMe } = await integrationSetup('bind', '07'));
});


const rawClient = () =>
  new DynamoDB({
    endpoint: inject('dynamodbEndpoint'),
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

describe('roster storage', () => {
  it('keeps the ID number encrypted at rest and finds the member by its keyed hash', async () => {
    const m = await createMember(deps, tree.union.id);
    const raw = await rawClient().getItem({ TableName: `${inject('tablePrefix')}members`, Key: { id: { S: m.id } } });
    const stored = JSON.stringify(raw.Item);
    expect(stored).not.toContain(m.idNumber);
    expect(stored).not.toContain(m.idNumber.slice(6, 14)); // not even the birth-date digits in clear
    expect(await deps.roster.findIdByIdHash(deps.idCrypto.hash(m.idNumber))).toBe(m.id);
    expect(deps.idCrypto.decrypt(raw.Item?.idCipher?.S as string)).toBe(m.idNumber);
  });

  it('never overwrites an existing roster entry', async () => {
    const m = await createMember(deps, tree.union.id);
    expect(await deps.roster.createIfAbsent({ ...m, name: '改过的名字' }, deps.idCrypto, new Date())).toBe('exists');
    expect((await deps.roster.get(m.id))?.name).toBe(m.name);
  });
});

describe('real-name binding', () => {
  it('binds, assigns a valid card number of the union region and sex, and masks the ID', async () => {
    const m = await createMember(deps, tree.union.id, { sex: 'female', name: '符美玲' });
    const openid = await loggedIn(deps);
    const me = await bindMember(deps, openid, bindingOf(m));
    expect(me.roles).toContainEqual({ type: 'member' });
    const profile = me.member!;
    expect(profile.id).toBe(m.id);
    expect(isValidCardNumber(profile.card.number)).toBe(true);
    expect(profile.card.number.slice(0, 7)).toBe('4607012'); // 46 + region 07 + 01 + female
    expect(profile.idNumberMasked).toBe(`${m.idNumber.slice(0, 4)}**********${m.idNumber.slice(-4)}`);
    expect(JSON.stringify(me)).not.toContain(m.idNumber);
    expect(JSON.stringify(me)).not.toContain(m.phone);
    expect(profile.unionPath.map((o) => o.id)).toEqual(tree.union.path);
    // The member's consent to the 会员信息授权说明 is kept with the binding, with the text's version.
    const raw = await rawClient().getItem({ TableName: `${inject('tablePrefix')}members`, Key: { id: { S: m.id } } });
    expect(raw.Item?.consentVersion?.S).toBe(BINDING_CONSENT_VERSION);
    expect(raw.Item?.consentAt?.S).toBe(raw.Item?.boundAt?.S);
    // The card number is assigned once: reading again gives the same number.
    expect((await getMe(deps, openid)).member?.card.number).toBe(profile.card.number);
    // Binding again with the same details is not an error.
    expect((await bindMember(deps, openid, bindingOf(m))).member?.id).toBe(m.id);
  });

  it('refuses with its own code, and leaves nothing half-written', async () => {
    const m = await createMember(deps, tree.union.id);
    const other = await createMember(deps, tree.union.id);
    const openid = await loggedIn(deps);
    const outsider = bindingOf(m, { idNumber: '11010519491231002X' });
    expect(await outcomeOf(bindMember(deps, openid, outsider))).toBe('NOT_IN_ROSTER');
    expect(await outcomeOf(bindMember(deps, openid, bindingOf(m, { name: '别人' })))).toBe('NAME_MISMATCH');
    expect(await outcomeOf(bindMember(deps, openid, bindingOf(m, { phone: other.phone })))).toBe(
      'PHONE_IN_USE',
    );
    expect((await deps.accounts.get(openid))?.memberId).toBeNull();
    const untouched = await deps.roster.get(m.id);
    expect(untouched).toMatchObject({ openid: null, phone: m.phone, cardNumber: null });
    expect(await deps.roster.phoneOwner(other.phone)).toBe(other.id);

    // Bound elsewhere: neither the member nor the account can be bound a second time.
    await bindMember(deps, openid, bindingOf(m));
    const second = await loggedIn(deps);
    expect(await outcomeOf(bindMember(deps, second, bindingOf(m)))).toBe(
      'MEMBER_ALREADY_BOUND',
    );
    expect(
      await outcomeOf(bindMember(deps, openid, bindingOf(other))),
    ).toBe('ACCOUNT_ALREADY_BOUND');
  });

  it('moves the phone guard when a member binds with a new number', async () => {
    const m = await createMember(deps, tree.union.id);
    const openid = await loggedIn(deps);
    const fresh = makePhone();
    await bindMember(deps, openid, bindingOf(m, { phone: fresh }));
    expect(await deps.roster.phoneOwner(fresh)).toBe(m.id);
    expect(await deps.roster.phoneOwner(m.phone)).toBeNull();
    expect((await deps.roster.get(m.id))?.phone).toBe(fresh);
  });

  it('limits attempts per account so the roster cannot be walked', async () => {
    const openid = await loggedIn(deps);
    const guesses = Array.from({ length: 5 }, () => bindingOf({ name: '张三', idNumber: '11010519491231002X', phone: makePhone() }));
    for (const guess of guesses) expect(await outcomeOf(bindMember(deps, openid, guess))).toBe('NOT_IN_ROSTER');
    // The sixth attempt is refused even with correct details.
    const m = await createMember(deps, tree.union.id);
    expect(await outcomeOf(bindMember(deps, openid, bindingOf(m)))).toBe(
      'TOO_MANY_ATTEMPTS',
    );
    // Another account is not affected.
    const other = await loggedIn(deps);
    expect((await bindMember(deps, other, bindingOf(m))).member?.id).toBe(m.id);
  });
});
