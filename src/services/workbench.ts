import Taro from '@tarojs/taro';
import { adminAudit, type AuditListResponse, type AuditQuery } from '../../functions/audit/contracts/audit';
import {
  rosterImportsConfirm,
  rosterImportsCreate,
  rosterImportsGet,
  rosterImportsReport,
  rosterImportsStart,
  rosterImportsTemplate,
  type ConfirmChangesResponse,
  type CreateImportRequest,
  type CreateImportResponse,
  type FileLink,
  type ImportFormat,
  type ImportJobResponse,
  type ImportUploadTicket,
} from '../../functions/workbench/contracts/roster-import';
import {
  adminMembersLeave,
  adminMembersPhoneRelease,
  adminMembersSearch,
  adminMembersUnbind,
  adminOrgsCreate,
  adminOrgsRename,
  adminRolesGrant,
  adminRolesRevoke,
  type CreateOrgRequest,
  type MemberLeaveRequest,
  type MemberSearchQuery,
  type MemberSearchResponse,
  type MemberStateResponse,
  type OrgResponse,
  type RenameOrgRequest,
  type RenameOrgResponse,
  type RoleChangeRequest,
  type RoleChangeResponse,
} from '../../functions/membership/contracts/admin';
import { adminMemberProfile, type MemberProfileResponse } from '../../functions/workbench/contracts/member-profile';
import { adminStats, type StatsQuery, type StatsResponse } from '../../functions/stats/contracts/stats';
import { ApiError, call } from './request';

/**
 * The officials' workbench (工作台): the audit trail (functions/audit/contracts/audit.ts; officials
 * read their subtree's entries, admins all of them), the roster import (实名制录入) and member care
 * (functions/membership/contracts/admin.ts, functions/workbench/contracts/member-profile.ts), each
 * endpoint called through its declaration.
 */

/** The audit trail, newest first, 20 at most a page (`actor`, `action`, `cursor`). */
export function listAudit(query: AuditQuery = {}): Promise<AuditListResponse> {
  return call(adminAudit, { query });
}

// 实名制录入 (functions/workbench/contracts/roster-import.ts)

/** A short-lived link to the template. */
export function getImportTemplate(format: ImportFormat): Promise<FileLink> {
  return call(rosterImportsTemplate, { query: { format } });
}

/** `{fileName, format}`: the job and where to send the file. */
export function createImport(body: CreateImportRequest): Promise<CreateImportResponse> {
  return call(rosterImportsCreate, { body });
}

/** Queues the job once its file is uploaded. */
export function startImport(id: string): Promise<ImportJobResponse> {
  return call(rosterImportsStart, { params: { id } });
}

/** Progress and result. */
export function getImport(id: string): Promise<ImportJobResponse> {
  return call(rosterImportsGet, { params: { id } });
}

/** A short-lived link to the row-level report (csv). */
export function getImportReport(id: string): Promise<FileLink> {
  return call(rosterImportsReport, { params: { id }, query: { format: 'csv' } });
}

/** Applies (a batch of) the reported changes. */
export function confirmImportChanges(id: string): Promise<ConfirmChangesResponse> {
  return call(rosterImportsConfirm, { params: { id } });
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

/** By name prefix, mobile number or ID number (`q`, within `orgId`), at most 50. */
export function searchMembers(query: MemberSearchQuery): Promise<MemberSearchResponse> {
  return call(adminMembersSearch, { query });
}

/** Masked identity, binding, card, applications and coupons. */
export function getMemberProfile(id: string): Promise<MemberProfileResponse> {
  return call(adminMemberProfile, { params: { id } });
}

/** 释放手机号. */
export function releaseMemberPhone(id: string): Promise<MemberStateResponse> {
  return call(adminMembersPhoneRelease, { params: { id } });
}

/** 解除微信绑定. */
export function unbindMember(id: string): Promise<MemberStateResponse> {
  return call(adminMembersUnbind, { params: { id } });
}

/** `{reason, date}`: 办理退会. */
export function memberLeave(id: string, body: MemberLeaveRequest): Promise<MemberStateResponse> {
  return call(adminMembersLeave, { params: { id }, body });
}

// 组织与权限

/** 201: a union under the caller's org or below. */
export function createOrg(body: CreateOrgRequest): Promise<OrgResponse> {
  return call(adminOrgsCreate, { body });
}

export function renameOrg(id: string, body: RenameOrgRequest): Promise<RenameOrgResponse> {
  return call(adminOrgsRename, { params: { id }, body });
}

/** Grants or revokes a role. */
export function changeRole(action: 'grant' | 'revoke', body: RoleChangeRequest): Promise<RoleChangeResponse> {
  return call(action === 'grant' ? adminRolesGrant : adminRolesRevoke, { body });
}

// 统计

/** The dashboard of the caller's subtree, 12-month series ending at `month`. */
export function getStats(query: StatsQuery = {}): Promise<StatsResponse> {
  return call(adminStats, { query });
}
