import type { PrivacyDocument, PrivacyResponse } from '../../functions/membership/contracts/privacy';
import {
  DELETION_CONFIRMATION,
  exportFileName,
  meData,
  meDeletion,
  privacyGet,
  type DeletionResponse,
} from '../../functions/privacy/contracts/data-subject';
import { call } from './request';
import { clearSession } from './session';

/**
 * Members' privacy rights (README › Privacy (PIPL)): the versioned texts, the export of everything
 * held about the caller, closing the account. Only the privacy/ subpackage's pages import this, so it
 * stays out of the main package (WeChat's privacy guide is in privacy.ts).
 */

let documents: Promise<PrivacyResponse> | null = null;

/** The 隐私政策 and the 会员信息授权说明 (no log-in); fetched once per launch. */
export function getPrivacyDocuments(): Promise<PrivacyResponse> {
  documents ??= call(privacyGet).catch((error: unknown) => {
    documents = null;
    throw error;
  });
  return documents;
}

export async function getPrivacyDocument(id: string): Promise<PrivacyDocument | null> {
  const { documents: all } = await getPrivacyDocuments();
  return all.find((d) => d.id === id) ?? null;
}


/** The file the API names in `Content-Disposition` (ASCII only), or null. */
export function fileNameOf(header: Record<string, string>): string | null {
  const value = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-disposition')?.[1] ?? '';
  const name = /filename="?([^";]+)"?/i.exec(value)?.[1]?.trim();
  return name && /^[A-Za-z0-9._-]{1,100}$/.test(name) ? name : null;
}

/** The date in China (UTC+8), `YYYY-MM-DD`. */
const chinaDate = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

export interface MyDataFile {
  fileName: string;
  /** The JSON as saved (indented). */
  text: string;
  data: unknown;
}

/** Everything the platform holds about the caller, with the file name the API gives. */
export async function exportMyData(now: () => number = Date.now): Promise<MyDataFile> {
  let header: Record<string, string> = {};
  const data = await call(meData, { onHeader: (h) => (header = h) });
  return {
    fileName: fileNameOf(header) ?? exportFileName(chinaDate(now())),
    text: JSON.stringify(data, null, 2),
    data,
  };
}

/** One line of the export's summary, as the member reads it. */
export interface SummaryLine {
  key: string;
  label: string;
  value: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
/** `2026-12-03T09:30:00.000+08:00` → `2026-12-03 09:30`. */
const shortTime = (v: unknown) => str(v).replace('T', ' ').slice(0, 16);

/** What the exported file holds, in a few lines (WeChat cannot open a .json file on the phone). */
export function summarize(data: unknown): SummaryLine[] {
  if (!isObject(data)) return [];
  const account = isObject(data.account) ? data.account : {};
  const member = isObject(data.member) ? data.member : null;
  const union = member && isObject(member.union) ? str(member.union.name) : '';
  const card = member && isObject(member.card) ? str(member.card.number) : '';
  const lines: SummaryLine[] = [
    { key: 'exported', label: '导出时间', value: shortTime(data.exportedAt) },
    { key: 'account', label: '账号创建', value: shortTime(account.createdAt) },
    { key: 'member', label: '会员信息', value: member ? [str(member.name), union].filter(Boolean).join(' · ') : '未绑定会员' },
  ];
  if (member) {
    lines.push({ key: 'id', label: '身份证号', value: str(member.idNumberMasked) });
    lines.push({ key: 'phone', label: '手机号', value: str(member.phoneMasked) });
    if (card) lines.push({ key: 'card', label: '会员卡号', value: card });
    lines.push({ key: 'checks', label: '会员卡核验记录', value: `${count(member.cardChecks)} 条` });
  }
  lines.push({ key: 'coupons', label: '普惠券', value: `${count(data.coupons)} 张` });
  lines.push({ key: 'applications', label: '办事申请', value: `${count(data.applications)} 件` });
  return lines;
}

/** Closes the caller's account (`{confirm: '注销'}`); once closed, the session on the device is dropped. */
export async function closeMyAccount(): Promise<DeletionResponse> {
  const answer = await call(meDeletion, { body: { confirm: DELETION_CONFIRMATION } });
  clearSession();
  return answer;
}
