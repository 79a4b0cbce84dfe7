import {
  createOrgRequest,
  renameOrgRequest,
  roleChangeRequest,
  type CreateOrgRequest,
  type RenameOrgRequest,
  type RoleChangeRequest,
  type RoleChangeResponse,
} from '../../../functions/membership/contracts/admin';

/**
 * 组织与权限: the forms' checks with the contract's own messages (a message per field), and the
 * roles an account holds after a change, as a line.
 */

type Checked<T, F extends string> = { ok: true; request: T } | { ok: false; errors: Partial<Record<F, string>> };

function check<T, F extends string>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown, fieldOf: (path: PropertyKey[]) => F): Checked<T, F> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: Partial<Record<F, string>> = {};
  for (const issue of parsed.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return { ok: false, errors };
}

export const ORG_KIND_CHOICES = [
  { value: 'grassroots', label: '基层工会' },
  { value: 'city', label: '市县总工会' },
  { value: 'industry', label: '产业工会' },
] as const;

export interface NewOrgDraft {
  parentId: string;
  kind: CreateOrgRequest['kind'];
  name: string;
  workUnit: string;
  regionCode: string;
}
type NewOrgField = keyof NewOrgDraft;

/** 新增工会: empty work unit and region code are left out; the region code only for a federation. */
export function validateNewOrg(draft: NewOrgDraft): Checked<CreateOrgRequest, NewOrgField> {
  const body = {
    parentId: draft.parentId,
    kind: draft.kind,
    name: draft.name,
    ...(draft.workUnit.trim() !== '' && { workUnit: draft.workUnit }),
    ...(draft.kind !== 'grassroots' && draft.regionCode.trim() !== '' && { regionCode: draft.regionCode.trim() }),
  };
  return check<CreateOrgRequest, NewOrgField>(createOrgRequest, body, (path) => (path[0] as NewOrgField) ?? 'name');
}

export interface RenameDraft {
  name: string;
  workUnit: string;
}

/** 工会更名: an empty work unit clears it. */
export function validateRename(draft: RenameDraft): Checked<RenameOrgRequest, keyof RenameDraft> {
  const body = { name: draft.name, workUnit: draft.workUnit.trim() === '' ? null : draft.workUnit };
  return check<RenameOrgRequest, keyof RenameDraft>(renameOrgRequest, body, (path) => (path[0] as keyof RenameDraft) ?? 'name');
}

export interface RoleDraft {
  /** Whose: a roster member's id (bound to an account) or an account's openid. */
  by: 'memberId' | 'openid';
  who: string;
  orgId: string;
}

/** 授予/撤销干部权限: an official role of `orgId` for the member's account or the openid. */
export function validateRole(draft: RoleDraft): Checked<RoleChangeRequest, 'who' | 'orgId'> {
  if (draft.who.trim() === '') return { ok: false, errors: { who: draft.by === 'memberId' ? '请填写会员编号' : '请填写微信账号标识' } };
  const body = { [draft.by]: draft.who.trim(), role: { type: 'official', orgId: draft.orgId } };
  return check<RoleChangeRequest, 'who' | 'orgId'>(roleChangeRequest, body, (path) => (path[0] === 'role' ? 'orgId' : 'who'));
}

/** "海口市总工会 干部、椰风影城 核销员" or "普通用户". */
export function rolesLine(roles: RoleChangeResponse['roles']): string {
  if (roles.length === 0) return '普通用户（无工作权限）';
  return roles
    .map((r) => (r.type === 'official' ? `${r.orgName} 干部` : r.type === 'clerk' ? `${r.merchantName} 核销员` : '平台管理员'))
    .join('、');
}
