import type { LoginResponse } from '../contracts/auth';
import { describeRoles } from './roles';
import type { Deps } from './ports';

export type LoginDeps = Pick<Deps, 'wechat' | 'accounts' | 'tokens' | 'orgs' | 'merchants' | 'now'>;

/** wx.login code → WeChat identity → our account (created on first log-in) → our session token. */
export async function login(deps: LoginDeps, code: string): Promise<LoginResponse> {
  const identity = await deps.wechat.exchange(code);
  const now = deps.now();
  const account = await deps.accounts.getOrCreate(identity.openid, now);
  const session = await deps.tokens.signSession(account.openid, now);
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    bound: account.memberId !== null,
    roles: await describeRoles(deps, account),
  };
}
