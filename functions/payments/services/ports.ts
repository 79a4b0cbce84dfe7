import type { Benefit, PaidPlaces } from '../../benefits';
import type { MemberMessage } from '../../applications';
import type { DrawWaitlist } from '../../draws';
import type { AccountStore, OrgStore, RosterStore } from '../../membership';
import type { OrderStore } from '../data/order-store';
import type { WechatPayClient } from '../wechatpay/client';
import type { VerifyKeys } from '../wechatpay/verify';

/** The side effects of the payments use cases. Production wiring: deps.ts; tests pass their own. */

/** WeChat Pay as this merchant reaches it: the client, where notifications go, and how to read them. */
export interface PayGateway {
  client: WechatPayClient;
  notifyUrl: string;
  verifyKeys: VerifyKeys;
  apiV3Key: string;
  appId: string;
  mchid: string;
}

export interface Deps {
  accounts: AccountStore;
  orgs: OrgStore;
  roster: RosterStore;
  orders: OrderStore;
  places: PaidPlaces;
  benefit: (id: string) => Promise<Benefit | null>;
  waitlist: DrawWaitlist;
  /**
   * Puts a message to one member in the applications' outbox (消息中心 and a subscription message),
   * once by `id`: false when it was put already.
   */
  tell: (notice: { id: string; openid: string; message: MemberMessage; at: string }) => Promise<boolean>;
  /** Built on first use (it reads the WeChat Pay keys). */
  pay: () => Promise<PayGateway>;
  now: () => Date;
}
