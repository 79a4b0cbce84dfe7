import { authLogin, type LoginRequest, type LoginResponse } from '../../functions/membership/contracts/auth';
import { cardsVerify, type VerifyCardRequest, type VerifyCardResponse } from '../../functions/membership/contracts/cards';
import { meBinding, meCard, meGet, type BindingRequest, type CardResponse, type MeResponse } from '../../functions/membership/contracts/me';
import { call } from './request';

/** One function per endpoint, each called through its declaration (functions/membership/contracts). */

export function login(body: LoginRequest): Promise<LoginResponse> {
  return call(authLogin, { body });
}

export function getMe(): Promise<MeResponse> {
  return call(meGet);
}

export function bindMember(body: BindingRequest): Promise<MeResponse> {
  return call(meBinding, { body });
}

export function getCard(): Promise<CardResponse> {
  return call(meCard);
}

/** A clerk checks a member's card: its QR's content or the 10-digit code beneath it. */
export function verifyCard(body: VerifyCardRequest): Promise<VerifyCardResponse> {
  return call(cardsVerify, { body });
}
