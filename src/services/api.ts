import type { LoginRequest, LoginResponse } from '../../functions/membership/contracts/auth';
import type { BindingRequest, CardResponse, MeResponse } from '../../functions/membership/contracts/me';
import { request } from './request';

/** One function per endpoint, typed from the shared contracts. */

export function login(body: LoginRequest): Promise<LoginResponse> {
  return request<LoginResponse>('/api/auth/login', { method: 'POST', body, auth: false });
}

export function getMe(): Promise<MeResponse> {
  return request<MeResponse>('/api/me');
}

export function bindMember(body: BindingRequest): Promise<MeResponse> {
  return request<MeResponse>('/api/me/binding', { method: 'POST', body });
}

export function getCard(): Promise<CardResponse> {
  return request<CardResponse>('/api/me/card');
}
