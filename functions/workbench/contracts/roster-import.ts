import * as z from 'zod/mini';
import { defineEndpoint, returns } from '../../kernel/contracts/endpoint';
import { workbenchErrors } from './errors';
import { contract } from '../../kernel/contracts/contract';

/**
 * The roster import (实名制录入), shared by the functions and the officials' pages:
 *   GET  /api/admin/roster-imports/template?format=csv|xlsx     → FileLink (the template)
 *   POST /api/admin/roster-imports {fileName, format}           → 201 {job, upload} (a presigned POST)
 *   POST /api/admin/roster-imports/{id}/start                   → {job} (queued; a worker runs it)
 *   GET  /api/admin/roster-imports/{id}                         → {job} (progress and result)
 *   GET  /api/admin/roster-imports/{id}/report?format=csv       → FileLink (the row-level report)
 *   POST /api/admin/roster-imports/{id}/confirm-changes         → {job, applied, stale, remaining}
 */
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Rows per file: a province's roster (≈ 1.2 M) in a few files. */
export const IMPORT_MAX_ROWS = 500_000;
export const IMPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The template's columns, in order; 工会编号 or 工会名称 (exact) names the union. */
export const IMPORT_COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  orgId: '工会编号',
  orgName: '工会名称',
} as const;
export const TEMPLATE_VERSION = 'v1';

const formatSchema = /* @__PURE__ */ contract(() => z.enum(IMPORT_FORMATS, { error: '文件格式只能是 csv 或 xlsx' }));

export const createImportRequest = /* @__PURE__ */ contract(() =>
  z.strictObject({
    fileName: z
      .string()
      .check(z.trim(), z.minLength(1, { error: '请填写文件名' }), z.maxLength(200, { error: '文件名不能超过 200 个字符' })),
    format: formatSchema,
  }),
);
export type CreateImportRequest = z.infer<typeof createImportRequest>;

export const templateQuery = /* @__PURE__ */ contract(() => z.strictObject({ format: z.optional(formatSchema) }));
export const reportQuery = /* @__PURE__ */ contract(() => z.strictObject({ format: z.optional(z.literal('csv', { error: '报告只提供 csv 格式' })) }));

export type ImportStatus = 'created' | 'queued' | 'running' | 'done' | 'failed';

export interface ImportCounts {
  /** Data rows read from the file (header excluded). */
  read: number;
  /** New members written. */
  written: number;
  /** Rows refused (see the report). */
  refused: number;
  /** Existing members of the same union whose name or phone differ: applied only when confirmed. */
  changed: number;
  /** Rows identical to the roster: nothing to do. */
  unchanged: number;
}

/** Why a row is refused (the report's 原因代码). */
export const ROW_PROBLEMS = [
  'NAME_MISSING',
  'NAME_INVALID',
  'ID_MISSING',
  'ID_FORMAT',
  'ID_BIRTH_DATE',
  'ID_CHECK_CHARACTER',
  'PHONE_INVALID',
  'UNION_MISSING',
  'UNION_UNKNOWN',
  'UNION_AMBIGUOUS',
  'UNION_OUTSIDE_SCOPE',
  'DUPLICATE_ID_IN_FILE',
  'DUPLICATE_PHONE_IN_FILE',
  'PHONE_IN_USE',
  'MEMBER_IN_OTHER_UNION',
  'MEMBER_LEFT',
  'ROSTER_CONFLICT',
] as const;
export type RowProblem = (typeof ROW_PROBLEMS)[number];

export interface ImportJobView {
  id: string;
  fileName: string;
  format: ImportFormat;
  status: ImportStatus;
  counts: ImportCounts;
  /** Rows done from the start of the file (the resume point). */
  cursor: number;
  /** Changes confirmed and applied so far. */
  changesApplied: number;
  /** Columns of the file that are not the template's (ignored). */
  ignoredColumns: string[];
  /** Why a job failed (a file that cannot be read), in Chinese. */
  failure: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ImportUploadTicket {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
}

export interface CreateImportResponse {
  job: ImportJobView;
  upload: ImportUploadTicket;
}

export interface ImportJobResponse {
  job: ImportJobView;
}

export interface ConfirmChangesResponse {
  job: ImportJobView;
  /** Changes applied by this call. */
  applied: number;
  /** Changes no longer applicable (the member changed meanwhile, or the new phone was taken). */
  stale: number;
  /** Changes still pending (call again). */
  remaining: number;
}

/** A file to download: a short-lived URL (wx.downloadFile / the browser). */
export interface FileLink {
  url: string;
  fileName: string;
  expiresAt: string;
}

/** The report's 说明 of each problem, in words an official can act on. */
export const ROW_PROBLEM_MESSAGES: Record<RowProblem, string> = {
  NAME_MISSING: '姓名为空，请填写姓名',
  NAME_INVALID: '姓名格式不正确（不能含数字或特殊符号，最多 50 个字）',
  ID_MISSING: '身份证号为空，请填写 18 位身份证号',
  ID_FORMAT: '身份证号格式不正确，应为 17 位数字加 1 位数字或 X',
  ID_BIRTH_DATE: '身份证号中的出生日期不存在，请核对',
  ID_CHECK_CHARACTER: '身份证号校验位不正确，请核对是否录入有误',
  PHONE_INVALID: '手机号不正确，应为 11 位中国大陆手机号',
  UNION_MISSING: '请填写工会编号或工会名称',
  UNION_UNKNOWN: '找不到该基层工会，请填写系统中的工会编号或完整准确的工会名称',
  UNION_AMBIGUOUS: '有多个同名工会，请改填工会编号',
  UNION_OUTSIDE_SCOPE: '该工会不在您管理的范围内，不能导入',
  DUPLICATE_ID_IN_FILE: '身份证号与文件中前面的行重复',
  DUPLICATE_PHONE_IN_FILE: '手机号与文件中前面的行重复',
  PHONE_IN_USE: '该手机号已登记在其他会员名下，请核对；如确属本人，请先由原会员所在工会释放该手机号',
  MEMBER_IN_OTHER_UNION: '该会员已在其他工会的名册中，请办理会员关系转接，而不是重复导入',
  MEMBER_LEFT: '该会员已办理退会，名册中保留其历史记录；如需重新入会，请通过入会申请办理',
  ROSTER_CONFLICT:
    '身份证号或手机号与会员名册中已有的登记冲突，本行未导入。请核对本人的身份证号和手机号；手机号若登记在您管理的会员名下，可在会员服务中按手机号查找；此人若已在其他工会登记，该工会会收到转入请求，请由本人向其所在工会申请会员关系转接',
};

// ---------------------------------------------------------------------------------------------
// Endpoints (kernel/contracts/endpoint.ts)

// 实名制录入: officials (into their subtree) and admins; a job is its owner's (or an admin's), NOT_FOUND for anybody else

/** A short-lived link to the template (`format` csv or xlsx, xlsx by default). */
export const rosterImportsTemplate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsTemplate',
    method: 'GET',
    path: '/api/admin/roster-imports/template',
    auth: 'official',
    request: { query: templateQuery },
    response: returns<FileLink>(),
    errors: workbenchErrors('FORBIDDEN'),
  }),
);

/** 201: the job, and where to POST the file. */
export const rosterImportsCreate = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsCreate',
    method: 'POST',
    path: '/api/admin/roster-imports',
    auth: 'official',
    request: { body: createImportRequest },
    response: returns<CreateImportResponse>(),
    errors: workbenchErrors('FORBIDDEN'),
  }),
);

/** Queues the job once its file is uploaded (the worker runs it). */
export const rosterImportsStart = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsStart',
    method: 'POST',
    path: '/api/admin/roster-imports/{id}/start',
    auth: 'official',
    response: returns<ImportJobResponse>(),
    errors: workbenchErrors('FORBIDDEN', 'IMPORT_FILE_MISSING', 'IMPORT_FILE_TOO_LARGE'),
  }),
);

/** Status, counts, cursor. */
export const rosterImportsGet = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsGet',
    method: 'GET',
    path: '/api/admin/roster-imports/{id}',
    auth: 'official',
    response: returns<ImportJobResponse>(),
    errors: workbenchErrors('FORBIDDEN'),
  }),
);

/** A short-lived link to the row-level report (`format=csv`). */
export const rosterImportsReport = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsReport',
    method: 'GET',
    path: '/api/admin/roster-imports/{id}/report',
    auth: 'official',
    request: { query: reportQuery },
    response: returns<FileLink>(),
    errors: workbenchErrors('FORBIDDEN', 'IMPORT_NOT_FINISHED'),
  }),
);

/** Applies (a batch of) the reported changes; call again while `remaining` > 0. */
export const rosterImportsConfirm = /* @__PURE__ */ contract(() =>
  defineEndpoint({
    functionName: 'rosterImportsConfirm',
    method: 'POST',
    path: '/api/admin/roster-imports/{id}/confirm-changes',
    auth: 'official',
    response: returns<ConfirmChangesResponse>(),
    errors: workbenchErrors('FORBIDDEN', 'IMPORT_NOT_FINISHED'),
  }),
);
