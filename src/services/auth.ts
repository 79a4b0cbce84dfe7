import Taro from '@tarojs/taro';
import type { LoginResponse } from '../../functions/membership/contracts/auth';
import * as api from './api';
import { ApiError } from './request';
import { saveSession } from './session';

/** Demo account names allowed by the local API: letters, digits and dashes. */
export const DEMO_NAME_PATTERN = /^[A-Za-z0-9-]{1,40}$/;

async function exchange(code: string): Promise<LoginResponse> {
  const session = await api.login({ code });
  saveSession({ token: session.token, expiresAt: session.expiresAt });
  return session;
}

/** WeChat: wx.login gives a one-time code the API exchanges for its own session. */
export async function loginWithWeChat(): Promise<LoginResponse> {
  let code: string;
  try {
    ({ code } = await Taro.login());
  } catch {
    throw new ApiError('WECHAT_UNAVAILABLE', '微信登录失败，请稍后再试', 0);
  }
  if (!code) throw new ApiError('WECHAT_CODE_INVALID', '微信登录失败，请稍后再试', 0);
  return exchange(code);
}

/** H5 has no wx.login: a demo account name maps to the code `dev:<name>`. */
export function loginAsDemo(name: string): Promise<LoginResponse> {
  return exchange(`dev:${name.trim()}`);
}

/** Where to go after log-in: the binding form until the account is bound, else 我的. */
export function goAfterLogin(session: LoginResponse): void {
  if (session.bound) {
    void Taro.switchTab({ url: '/pages/me/index' });
  } else {
    void Taro.redirectTo({ url: '/pages/binding/index' });
  }
}
