import Taro from '@tarojs/taro';
import type { PrivacyDocument } from '../../functions/membership/contracts/privacy';

/**
 * WeChat's privacy guide, which must be agreed to before any privacy API (wx.chooseImage, the
 * 获取手机号 button, …) runs, and the link to the texts. The rights themselves (the texts, the
 * export, closing the account) are in privacy-rights.ts, loaded with the privacy/ subpackage only.
 */

/** The page that reads one text. */
export const privacyDocumentUrl = (id: PrivacyDocument['id']) => `/privacy/document/index?id=${id}`;

// --- WeChat's privacy guide (用户隐私保护指引) ------------------------------------------------------

/** The id of the popup's `openType='agreePrivacyAuthorization'` button (WeChat checks it was tapped). */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

/** Shows the popup; `decide(true)` once the agree button was tapped, `decide(false)` on refusal. */
export type PrivacyPresenter = (decide: (agreed: boolean) => void) => void;

declare const wx: Record<string, unknown> | undefined;

/** WeChat with a base library that has the privacy APIs (2.32.3+); H5 and older ones have no gate. */
function gateAvailable(): boolean {
  return (
    process.env.TARO_ENV === 'weapp' &&
    typeof wx !== 'undefined' &&
    typeof wx.requirePrivacyAuthorize === 'function' &&
    typeof wx.onNeedPrivacyAuthorization === 'function'
  );
}

/** Mounted popups, the latest (the page on top) last. */
const presenters: PrivacyPresenter[] = [];
let listening = false;

/**
 * WeChat asks the app (onNeedPrivacyAuthorization) whenever a privacy API or component is used
 * before the user agreed, and holds that call until `resolve`. One listener for the whole app: the
 * popup of the page on top shows the guide; with none mounted the call is refused, with a hint.
 */
function listen(): void {
  if (listening || !gateAvailable()) return;
  listening = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const present = presenters[presenters.length - 1];
    if (!present) {
      resolve({ event: 'disagree' });
      void Taro.showToast({ title: '请先阅读并同意隐私保护指引', icon: 'none' });
      return;
    }
    resolve({ event: 'exposureAuthorization' });
    present((agreed) => resolve(agreed ? { buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' }));
  });
}

/** A popup registers itself while mounted; returns the function that unregisters it. */
export function registerPrivacyPresenter(present: PrivacyPresenter): () => void {
  presenters.push(present);
  listen();
  return () => {
    const at = presenters.lastIndexOf(present);
    if (at >= 0) presenters.splice(at, 1);
  };
}

/**
 * Resolves true when the user has agreed to the privacy guide (asking first, through the popup,
 * when they have not yet), false when they refused. Call before every privacy API; H5 has no gate.
 */
export function requirePrivacyAuthorization(): Promise<boolean> {
  if (!gateAvailable()) return Promise.resolve(true);
  listen();
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}
