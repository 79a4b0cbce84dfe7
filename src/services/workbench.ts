import Taro from '@tarojs/taro';
import type { AuditListResponse, AuditQuery } from '../../functions/audit/contracts/audit';
import type {
  ConfirmChangesResponse,
  CreateImportRequest,
  CreateImportResponse,
  FileLink,
  ImportFormat,
  ImportJobResponse,
  ImportUploadTicket,
} from '../../functions/workbench/contracts/roster-import';
import type {
  CreateOrgRequest,
  MemberLeaveRequest,
  MemberSearchQuery,
  MemberSearchResponse,
  MemberStateResponse,
  OrgResponse,
  RenameOrgRequest,
  RenameOrgResponse,
  RoleChangeRequest,
  RoleChangeResponse,
} from '../../functions/membership/contracts/admin';
import type { MemberProfileResponse } from '../../functions/workbench/contracts/member-profile';
import type { StatsQuery, StatsResponse } from '../../functions/stats/contracts/stats';
import { ApiError, request } from './request';

/**
 * The officials' workbench (工作台): the audit trail (functions/audit/contracts/audit.ts; officials
 * read their subtree's entries, admins all of them), the roster import (实名制录入) and member care
 * (functions/membership/contracts/admin.ts, functions/workbench/contracts/member-profile.ts).
 */

/** `?a=1&b=2` from the defined values of a query, '' when there are none (no URLSearchParams in WeChat). */
function queryString(query: object): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** GET /api/admin/audit?actor=&action=&cursor=: newest first, 20 at most a page. */
export function listAudit(query: AuditQuery = {}): Promise<AuditListResponse> {
  return request<AuditListResponse>(`/api/admin/audit${queryString(query)}`);
}

// 实名制录入 (functions/workbench/contracts/roster-import.ts)

/** GET /api/admin/roster-imports/template?format=: a short-lived link to the template. */
export function getImportTemplate(format: ImportFormat): Promise<FileLink> {
  return request<FileLink>(`/api/admin/roster-imports/template${queryString({ format })}`);
}

/** POST /api/admin/roster-imports {fileName, format}: the job and where to send the file. */
export function createImport(body: CreateImportRequest): Promise<CreateImportResponse> {
  return request<CreateImportResponse>('/api/admin/roster-imports', { method: 'POST', body });
}

/** POST /api/admin/roster-imports/{id}/start: queues the job once its file is uploaded. */
export function startImport(id: string): Promise<ImportJobResponse> {
  return request<ImportJobResponse>(`/api/admin/roster-imports/${encodeURIComponent(id)}/start`, { method: 'POST' });
}

/** GET /api/admin/roster-imports/{id}: progress and result. */
export function getImport(id: string): Promise<ImportJobResponse> {
  return request<ImportJobResponse>(`/api/admin/roster-imports/${encodeURIComponent(id)}`);
}

/** GET /api/admin/roster-imports/{id}/report?format=csv: a short-lived link to the row-level report. */
export function getImportReport(id: string): Promise<FileLink> {
  return request<FileLink>(`/api/admin/roster-imports/${encodeURIComponent(id)}/report?format=csv`);
}

/** POST /api/admin/roster-imports/{id}/confirm-changes: applies (a batch of) the reported changes. */
export function confirmImportChanges(id: string): Promise<ConfirmChangesResponse> {
  return request<ConfirmChangesResponse>(`/api/admin/roster-imports/${encodeURIComponent(id)}/confirm-changes`, { method: 'POST' });
}

/**
 * Sends the picked file to storage with the job's presigned POST (the ticket's fields first, the
 * file last as `file`); rejects with an ApiError in Chinese.
 */
export async function uploadImportFile(ticket: ImportUploadTicket, filePath: string): Promise<void> {
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    result = await Taro.uploadFile({ url: ticket.url, filePath, name: 'file', formData: ticket.fields, withCredentials: false });
  } catch {
    throw new ApiError('NETWORK_ERROR', '文件上传失败，请检查网络后重试', 0);
  }
  if (result.statusCode < 200 || result.statusCode >= 300) {
    throw new ApiError('BAD_RESPONSE', '文件上传失败，请重新选择文件上传', result.statusCode);
  }
}

/** The text of a short-lived file link (the report), read without the session (it is presigned). */
export async function readLinkedText(link: FileLink): Promise<string> {
  let result: Taro.request.SuccessCallbackResult<string>;
  try {
    result = await Taro.request<string>({ url: link.url, method: 'GET', dataType: 'text', responseType: 'text' });
  } catch {
    throw new ApiError('NETWORK_ERROR', '报告下载失败，请检查网络后重试', 0);
  }
  if (result.statusCode < 200 || result.statusCode >= 300 || typeof result.data !== 'string') {
    throw new ApiError('BAD_RESPONSE', '报告下载失败，请稍后重试', result.statusCode);
  }
  return result.data;
}

// 会员服务

/** GET /api/admin/members?q=&orgId=: by name prefix, mobile number or ID number, at most 50. */
export function searchMembers(query: MemberSearchQuery): Promise<MemberSearchResponse> {
  return request<MemberSearchResponse>(`/api/admin/members${queryString(query)}`);
}

/** GET /api/admin/members/{id}: masked identity, binding, card, applications and coupons. */
export function getMemberProfile(id: string): Promise<MemberProfileResponse> {
  return request<MemberProfileResponse>(`/api/admin/members/${encodeURIComponent(id)}`);
}

/** POST /api/admin/members/{id}/phone-release: 释放手机号. */
export function releaseMemberPhone(id: string): Promise<MemberStateResponse> {
  return request<MemberStateResponse>(`/api/admin/members/${encodeURIComponent(id)}/phone-release`, { method: 'POST' });
}

/** POST /api/admin/members/{id}/unbind: 解除微信绑定. */
export function unbindMember(id: string): Promise<MemberStateResponse> {
  return request<MemberStateResponse>(`/api/admin/members/${encodeURIComponent(id)}/unbind`, { method: 'POST' });
}

/** POST /api/admin/members/{id}/leave {reason, date}: 办理退会. */
export function memberLeave(id: string, body: MemberLeaveRequest): Promise<MemberStateResponse> {
  return request<MemberStateResponse>(`/api/admin/members/${encodeURIComponent(id)}/leave`, { method: 'POST', body });
}

// 组织与权限

/** POST /api/admin/orgs: 201 a union under the caller's org or below. */
export function createOrg(body: CreateOrgRequest): Promise<OrgResponse> {
  return request<OrgResponse>('/api/admin/orgs', { method: 'POST', body });
}

/** POST /api/admin/orgs/{id}/rename. */
export function renameOrg(id: string, body: RenameOrgRequest): Promise<RenameOrgResponse> {
  return request<RenameOrgResponse>(`/api/admin/orgs/${encodeURIComponent(id)}/rename`, { method: 'POST', body });
}

/** POST /api/admin/roles (grant) or /api/admin/roles/revoke. */
export function changeRole(action: 'grant' | 'revoke', body: RoleChangeRequest): Promise<RoleChangeResponse> {
  return request<RoleChangeResponse>(action === 'grant' ? '/api/admin/roles' : '/api/admin/roles/revoke', { method: 'POST', body });
}

// 统计

/** GET /api/admin/stats?month=: the dashboard of the caller's subtree, 12-month series ending at `month`. */
export function getStats(query: StatsQuery = {}): Promise<StatsResponse> {
  return request<StatsResponse>(`/api/admin/stats${queryString(query)}`);
}
