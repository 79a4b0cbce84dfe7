import { createDevWeChatLogin, createDevWeChatPhone } from '../../functions/kernel/wechat';
import { createIdCrypto } from '../../functions/kernel/id-crypto';
import { generateLocalSecrets } from '../../functions/kernel/secrets';
import { createTokens } from '../../functions/kernel/tokens';
import type { Account, Merchant, Org, RosterMember } from '../../functions/membership/domain/types';
import type { CardCheck, Deps } from '../../functions/membership/services/ports';
import type { RateWindow } from '../../functions/kernel/data/quota-store';

const windowKey = ({ scope, subject, period }: RateWindow) => `${scope}#${subject}#${period}`;

/** Every call the use case made to its side effects, as `store.method`, in order. */
export type CallLog = string[];

/** Wraps each method of each store so that calls are logged (the counting fake). */
function counted<T extends object>(name: string, store: T, log: CallLog): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        log.push(`${name}.${String(prop)}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export interface FakeWorld {
  deps: Deps;
  calls: CallLog;
  members: Map<string, RosterMember>;
  accounts: Map<string, Account>;
  orgs: Map<string, Org>;
}

/** In-memory side effects of the membership use cases, with every store call counted. */
export function fakeDeps(init: { orgs?: Org[]; merchants?: Merchant[]; now?: Date } = {}): FakeWorld {
  const secrets = generateLocalSecrets();
  const calls: CallLog = [];
  const members = new Map<string, RosterMember>();
  const accounts = new Map<string, Account>();
  const phones = new Map<string, string>();
  const orgs = new Map((init.orgs ?? []).map((o) => [o.id, o]));
  const merchants = new Map((init.merchants ?? []).map((m) => [m.id, m]));
  const windows = new Map<string, number>();
  const checks: CardCheck[] = [];
  const idCrypto = createIdCrypto({ encryptionKey: secrets.idEncryptionKey, hashKey: secrets.idHashKey });
  const now = init.now ?? new Date();
  let cards = 0;

  const codes = new Map<string, { reference: string; expiresAt: Date }>();
  const deps: Deps = {
    now: () => now,
    idCrypto,
    tokens: createTokens(secrets.sessionSecret, secrets.cardSigningKey),
    wechat: createDevWeChatLogin(),
    wechatPhone: counted('wechatPhone', createDevWeChatPhone(), calls),
    roster: counted(
      'roster',
      {
        async findIdByIdHash(hash: string) {
          return [...members.values()].find((m) => m.idHash === hash)?.id ?? null;
        },
        async get(id: string) {
          return members.get(id) ?? null;
        },
        async phoneOwner(phone: string) {
          return phones.get(phone) ?? null;
        },
        async cardOwner(cardNumber: string) {
          return [...members.values()].find((m) => m.cardNumber === cardNumber)?.id ?? null;
        },
        async createIfAbsent(entry, crypto, _at) {
          const id = entry.id ?? `M${members.size + 1}`;
          if (members.has(id)) return { outcome: 'exists' as const, id };
          if (phones.has(entry.phone)) return { outcome: 'phone-in-use' as const, id };
          const sex = Number(entry.idNumber[16]) % 2 === 1 ? 'male' : 'female';
          members.set(id, {
            id,
            name: entry.name,
            sex,
            idHash: crypto.hash(entry.idNumber),
            idMasked: '**',
            phone: entry.phone,
            orgId: entry.orgId,
            openid: null,
            cardNumber: null,
            cardIssuedAt: null,
          });
          phones.set(entry.phone, id);
          return { outcome: 'created' as const, id };
        },
        async bind({ openid, member }) {
          const account = accounts.get(openid);
          if (account) accounts.set(openid, { ...account, memberId: member.id });
          members.set(member.id, { ...member, openid });
        },
        async assignCardNumber(memberId, prefix, at) {
          cards += 1;
          const card = { cardNumber: `${prefix}${String(cards).padStart(8, '0')}X`, cardIssuedAt: at.toISOString() };
          members.set(memberId, { ...(members.get(memberId) as RosterMember), ...card });
          return card;
        },
      } satisfies Deps['roster'],
      calls,
    ),
    accounts: counted(
      'accounts',
      {
        async get(openid: string) {
          return accounts.get(openid) ?? null;
        },
        async getOrCreate(openid: string, at: Date) {
          if (!accounts.has(openid)) accounts.set(openid, { openid, memberId: null, roles: [], createdAt: at.toISOString() });
          return accounts.get(openid) as Account;
        },
        async createIfAbsent(account, at) {
          if (accounts.has(account.openid)) return false;
          accounts.set(account.openid, { ...account, memberId: null, createdAt: at.toISOString() });
          return true;
        },
      } satisfies Deps['accounts'],
      calls,
    ),
    orgs: counted(
      'orgs',
      {
        async getMany(ids: string[]) {
          return new Map(ids.flatMap((id) => (orgs.has(id) ? [[id, orgs.get(id) as Org] as const] : [])));
        },
        async createIfAbsent(org: Org) {
          if (orgs.has(org.id)) return false;
          orgs.set(org.id, org);
          return true;
        },
      },
      calls,
    ),
    merchants: counted(
      'merchants',
      {
        async getMany(ids: string[]) {
          return new Map(ids.flatMap((id) => (merchants.has(id) ? [[id, merchants.get(id) as Merchant] as const] : [])));
        },
        async createIfAbsent(merchant: Merchant) {
          if (merchants.has(merchant.id)) return false;
          merchants.set(merchant.id, merchant);
          return true;
        },
      },
      calls,
    ),
    quotas: counted(
      'quotas',
      {
        async consume(window: RateWindow, max: number) {
          const key = windowKey(window);
          const n = windows.get(key) ?? 0;
          if (n >= max) return false;
          windows.set(key, n + 1);
          return true;
        },
        async count(window: RateWindow) {
          return windows.get(windowKey(window)) ?? 0;
        },
        async add(window: RateWindow) {
          const key = windowKey(window);
          windows.set(key, (windows.get(key) ?? 0) + 1);
          return windows.get(key) as number;
        },
      },
      calls,
    ),
    cardCodes: counted(
      'cardCodes',
      {
        async issue(kindDigit: string, reference: string, _now: Date, expiresAt: Date) {
          const code = `${kindDigit}${String(codes.size + 1).padStart(9, '0')}`;
          codes.set(code, { reference, expiresAt });
          return code;
        },
        async resolve(code: string, now: Date) {
          const found = codes.get(code);
          return found && found.expiresAt > now ? found.reference : null;
        },
      } satisfies Deps['cardCodes'],
      calls,
    ),
    cardChecks: counted(
      'cardChecks',
      {
        async record(check: CardCheck) {
          checks.push(check);
        },
        async listFor(cardNumber: string) {
          return checks.filter((c) => c.cardNumber === cardNumber).reverse();
        },
      },
      calls,
    ),
  };
  return { deps, calls, members, accounts, orgs };
}
