import Taro from '@tarojs/taro';
import type { Role } from '../../functions/kernel/contracts/common';
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

/** The desk of an account with a role: 工作台 for officials and admins, 核销 for merchant clerks; null for members. */
export function deskOf(roles: readonly Role[]): { url: string; title: string } | null {
  if (roles.some((r) => r.type === 'official' || r.type === 'admin')) return { url: '/workbench/desk/index', title: '工作台：待审、超期和待回访' };
  if (roles.some((r) => r.type === 'clerk')) return { url: '/staff/redeem/index', title: '核销台：扫码核销、今日核销' };
  return null;
}

/**
 * Where to go after log-in: an account with a role to its desk (the binding form is offered there,
 * not imposed); a member to 我的; anybody else to the binding form.
 */
export function goAfterLogin(session: LoginResponse): void {
  const desk = deskOf(session.roles);
  if (desk) {
    void Taro.redirectTo({ url: desk.url });
  } else if (session.bound) {
    void Taro.switchTab({ url: '/pages/me/index' });
  } else {
    void Taro.redirectTo({ url: '/pages/binding/index' });
  }
}
