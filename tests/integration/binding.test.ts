import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BINDING_CONSENT_VERSION } from '../../functions/membership/contracts/me';
import { isValidCardNumber } from '../../functions/membership/domain/card-number';
import { BINDING_ATTEMPTS_PER_HOUR } from '../../functions/membership/services/binding';
import type { Deps } from '../../functions/membership/services/ports';
import { type TestTree, type UseCases, createMember, integrationSetup, loggedIn } from './context';
import { makeIdNumber, makePhone } from '../support/ids';
import { candidateIdNumbers } from '../support/id-candidates';
import { outcomeOf, refusalOf } from '../support/outcome';
import { bindingOf } from '../support/binding';

let deps: Deps;
let tree: TestTree;
let bindMember: UseCases['bindMember'];
let getMe: UseCases['getMe'];

beforeAll(async () => {
  ({ deps, tree, bindMember, getMe } = await integrationSetup('bind', '07'));
});

/** Each test binds from its own address, so the per-IP window of one test does not touch another. */
let ipSeq = 0;
const freshIp = () => `10.${process.pid % 250}.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

const rawClient = () =>
  new DynamoDB({
    endpoint: inject('dynamodbEndpoint'),
    region: 'cn-northwest-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
const rawMember = async (id: string) =>
  (await rawClient().getItem({ TableName: `${inject('tablePrefix')}members`, Key: { id: { S: id } } })).Item ?? {};

describe('roster storage', () => {
  it('gives new entries random ULIDs and keeps the ID number encrypted, bound to the member, under a named key', async () => {
    const m = await createMember(deps, tree.union.id);
    const other = await createMember(deps, tree.union.id);
    expect(m.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const raw = await rawMember(m.id);
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(m.idNumber);
    expect(stored).not.toContain(m.idNumber.slice(6, 14)); // not even the birth-date digits in clear
    expect(raw.birthDate).toBeUndefined();
    expect(raw.idMasked?.S).toBe(`${m.idNumber.slice(0, 2)}${'*'.repeat(14)}${m.idNumber.slice(-2)}`);
    expect(await deps.roster.findIdByIdHash(deps.idCrypto.hash(m.idNumber))).toBe(m.id);
    const cipher = raw.idCipher?.S as string;
    expect(deps.idCrypto.keyIdOf(cipher)).toBe(deps.idCrypto.currentKeyId);
    expect(deps.idCrypto.decrypt(cipher, m.id)).toBe(m.idNumber);
    // Copied onto another member's item, the ciphertext does not decrypt (the member id is its AAD).
    expect(() => deps.idCrypto.decrypt(cipher, other.id)).toThrow();
  });

  it('leaves at least 10⁴ candidate ID numbers to someone who reads a stored item without the keys', async () => {
    const m = await createMember(deps, tree.union.id);
    const raw = await rawMember(m.id);
    // The attacker's best case: everything the item shows, and the member's exact 6-digit area code.
    const candidates = candidateIdNumbers({
      masked: raw.idMasked?.S as string,
      sex: raw.sex?.S as 'male' | 'female',
      ...(raw.birthDate?.S ? { birthDate: raw.birthDate.S } : {}),
      areaCodes: [m.idNumber.slice(0, 6)],
    });
    expect(candidates).toBeGreaterThanOrEqual(10_000);
  });

  it('never overwrites an existing roster entry', async () => {
    const m = await createMember(deps, tree.union.id);
    expect((await deps.roster.createIfAbsent({ ...m, name: '改过的名字' }, deps.idCrypto, new Date())).outcome).toBe('exists');
    expect((await deps.roster.get(m.id))?.name).toBe(m.name);
  });
});

describe('real-name binding by WeChat-verified phone', () => {
  it('binds, assigns a valid card number of the union region and sex, and masks the ID', async () => {
    const m = await createMember(deps, tree.union.id, { sex: 'female', name: '符美玲' });
    const openid = await loggedIn(deps);
    const me = await bindMember(deps, openid, bindingOf(m), freshIp());
    expect(me.roles).toContainEqual({ type: 'member' });
    const profile = me.member!;
    expect(profile.id).toBe(m.id);
    expect(isValidCardNumber(profile.card.number)).toBe(true);
    expect(profile.card.number.slice(0, 7)).toBe('4607012'); // 46 + region 07 + 01 + female
    expect(profile.idNumberMasked).toBe(`${m.idNumber.slice(0, 2)}${'*'.repeat(14)}${m.idNumber.slice(-2)}`);
    expect(JSON.stringify(me)).not.toContain(m.idNumber);
    expect(JSON.stringify(me)).not.toContain(m.phone);
    expect(profile.unionPath.map((o) => o.id)).toEqual(tree.union.path);
    // The member's consent to the 会员信息授权说明 is kept with the binding, with the text's version.
    const raw = await rawMember(m.id);
    expect(raw.consentVersion?.S).toBe(BINDING_CONSENT_VERSION);
    expect(raw.consentAt?.S).toBe(raw.boundAt?.S);
    // The card number is assigned once: reading again gives the same number, and it names its owner.
    expect((await getMe(deps, openid)).member?.card.number).toBe(profile.card.number);
    expect(await deps.roster.cardOwner(profile.card.number)).toBe(m.id);
    // Binding again with the same details is not an error.
    expect((await bindMember(deps, openid, bindingOf(m), freshIp())).member?.id).toBe(m.id);
  });

  it('refuses a takeover with the right name and ID number but another phone, and changes nothing', async () => {
    const victim = await createMember(deps, tree.union.id);
    const attacker = await loggedIn(deps, 'atk');
    const attackerPhone = makePhone();
    const refusal = await refusalOf(bindMember(deps, attacker, bindingOf(victim, { phone: attackerPhone }), freshIp()));
    expect(refusal.code).toBe('IDENTITY_NOT_MATCHED');
    expect((await deps.accounts.get(attacker))?.memberId).toBeNull();
    expect(await deps.roster.get(victim.id)).toMatchObject({ openid: null, phone: victim.phone, cardNumber: null });
    expect(await deps.roster.phoneOwner(victim.phone)).toBe(victim.id);
    expect(await deps.roster.phoneOwner(attackerPhone)).toBeNull();
    // The real member, with their own phone, binds afterwards.
    const owner = await loggedIn(deps);
    expect((await bindMember(deps, owner, bindingOf(victim), freshIp())).member?.id).toBe(victim.id);
  });

  it('answers every identity mismatch the same way, so the roster cannot be enumerated', async () => {
    const m = await createMember(deps, tree.union.id);
    const other = await createMember(deps, tree.union.id);
    const probes = {
      'phone of nobody': bindingOf({ name: '张三', idNumber: makeIdNumber(), phone: makePhone() }),
      'member in roster, phone of nobody': bindingOf(m, { phone: makePhone() }),
      'right phone, wrong name': bindingOf(m, { name: '别人' }),
      'right phone, wrong ID number': bindingOf(m, { idNumber: makeIdNumber() }),
      "right name and ID, another member's phone": bindingOf(m, { phone: other.phone }),
    };
    const answers = new Map<string, string>();
    for (const [label, probe] of Object.entries(probes)) {
      const refusal = await refusalOf(bindMember(deps, await loggedIn(deps), probe, freshIp()));
      answers.set(label, JSON.stringify({ code: refusal.code, status: refusal.status, message: refusal.message }));
    }
    expect(new Set(answers.values()).size, [...answers].join('\n')).toBe(1);
    expect(JSON.parse([...answers.values()][0] as string).code).toBe('IDENTITY_NOT_MATCHED');
    expect(await deps.roster.get(m.id)).toMatchObject({ openid: null, phone: m.phone });
  });

  it('says MEMBER_ALREADY_BOUND and ACCOUNT_ALREADY_BOUND only to whoever proved the identity', async () => {
    const m = await createMember(deps, tree.union.id);
    const other = await createMember(deps, tree.union.id);
    const first = await loggedIn(deps);
    await bindMember(deps, first, bindingOf(m), freshIp());
    // Someone else with the member's name, ID number and WeChat-verified phone (a new WeChat account).
    expect(await outcomeOf(bindMember(deps, await loggedIn(deps), bindingOf(m), freshIp()))).toBe('MEMBER_ALREADY_BOUND');
    // A stranger with the name and ID number only learns nothing.
    expect(await outcomeOf(bindMember(deps, await loggedIn(deps), bindingOf(m, { phone: makePhone() }), freshIp()))).toBe(
      'IDENTITY_NOT_MATCHED',
    );
    expect(await outcomeOf(bindMember(deps, first, bindingOf(other), freshIp()))).toBe('ACCOUNT_ALREADY_BOUND');
    expect((await deps.roster.get(other.id))?.openid).toBeNull();
  });

  it('limits attempts per account', async () => {
    const openid = await loggedIn(deps);
    for (let i = 0; i < 5; i += 1) {
      const guess = bindingOf({ name: '张三', idNumber: makeIdNumber(), phone: makePhone() });
      expect(await outcomeOf(bindMember(deps, openid, guess, freshIp()))).toBe('IDENTITY_NOT_MATCHED');
    }
    // The sixth attempt is refused even with correct details.
    const m = await createMember(deps, tree.union.id);
    expect(await outcomeOf(bindMember(deps, openid, bindingOf(m), freshIp()))).toBe('TOO_MANY_ATTEMPTS');
    // Another account is not affected.
    expect((await bindMember(deps, await loggedIn(deps), bindingOf(m), freshIp())).member?.id).toBe(m.id);
  });

  it('locks no address out: 150 failures from one address leave another account there free, the per-account limit holds, every refusal counted platform-wide', async () => {
    const ip = freshIp();
    const hour = Math.floor(Date.now() / 3_600_000);
    const global = { scope: 'binding-refused', subject: 'all', period: `h${hour}` };
    const before = await deps.quotas.count(global);
    // 150 failures from one address: 30 accounts, each up to its own hourly limit.
    const accounts = await Promise.all(Array.from({ length: 30 }, () => loggedIn(deps)));
    for (const openid of accounts) {
      for (let i = 0; i < BINDING_ATTEMPTS_PER_HOUR; i += 1) {
        const guess = bindingOf({ name: '张三', idNumber: makeIdNumber(), phone: makePhone() });
        expect(await outcomeOf(bindMember(deps, openid, guess, ip))).toBe('IDENTITY_NOT_MATCHED');
      }
    }
    // Nothing is counted against the address (the failure metric is a log line, the alarm CloudWatch's).
    expect(await deps.quotas.count({ scope: 'binding-failed-ip', subject: ip, period: `h${hour}` })).toBe(0);
    // Each of those accounts is at its limit, even with the right details…
    const m = await createMember(deps, tree.union.id);
    expect(await outcomeOf(bindMember(deps, accounts[0] as string, bindingOf(m), ip))).toBe('TOO_MANY_ATTEMPTS');
    // …while a different account on the same address binds.
    expect((await bindMember(deps, await loggedIn(deps), bindingOf(m), ip)).member?.id).toBe(m.id);
    expect(await deps.quotas.count(global)).toBeGreaterThanOrEqual(before + 150);
  }, 180_000);
});
