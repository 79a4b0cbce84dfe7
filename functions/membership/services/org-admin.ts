import type { CreateOrgRequest, OrgResponse, RenameOrgRequest, RenameOrgResponse } from '../contracts/admin';
import { AppError } from '../../kernel/errors';
import type { Org } from '../domain/types';
import type { AdminDeps } from './admin-ports';
import { orgInReach, requireStaff, staffAudit, withRereads } from './staff';

/**
 * Orgs (组织管理): officials add unions under their org (or below it) and rename those in their
 * subtree; admins anywhere. The union search (GET /api/orgs) and the join routing read the
 * grassroots level from the orgs table's byKind index, cached 5 minutes per container
 * (applications/services/deps.ts): a new or renamed union shows there within 5 minutes.
 */

const OUTSIDE = '只能在您所在工会及其下级工会中添加或修改工会';

/** Which kind of org may sit under which: grassroots unions under a federation, federations under the province. */
const PARENT_KINDS: Record<CreateOrgRequest['kind'], Org['kind'][]> = {
  grassroots: ['city', 'industry'],
  city: ['province'],
  industry: ['province'],
};

const normalise = (name: string) => name.replace(/\s+/g, '');

/** ORG_NAME_TAKEN when another org of the same kind has this name (the union picker lists them by name). */
async function requireFreeName(deps: Pick<AdminDeps, 'liveDirectory'>, kind: Org['kind'], name: string, except: string | null): Promise<void> {
  const same = (await deps.liveDirectory.listByKind(kind)).find((o) => o.id !== except && normalise(o.name) === normalise(name));
  if (same) throw new AppError('ORG_NAME_TAKEN', { fields: { name: '已有同名的工会' } });
}

async function view(deps: Pick<AdminDeps, 'orgs'>, org: Org): Promise<OrgResponse> {
  const known = await deps.orgs.getMany(org.path.filter((id) => id !== org.id));
  known.set(org.id, org);
  const refs = org.path.map((id) => ({ id, name: known.get(id)?.name ?? id }));
  const parent = org.parentId ? (known.get(org.parentId) ?? null) : null;
  return {
    org: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      workUnit: org.workUnit,
      regionCode: org.regionCode,
      parent: parent ? { id: parent.id, name: parent.name } : null,
      path: refs,
    },
  };
}

const facts = (org: Pick<Org, 'name' | 'kind' | 'workUnit' | 'regionCode' | 'parentId'>) => ({
  name: org.name,
  kind: org.kind,
  workUnit: org.workUnit,
  regionCode: org.regionCode,
  parentId: org.parentId,
});

/** POST /api/admin/orgs: 201 `{org}`. */
export async function createOrg(deps: AdminDeps, openid: string, request: CreateOrgRequest): Promise<OrgResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以添加工会');
  const parent = await orgInReach(deps, staff, request.parentId, OUTSIDE);
  if (!PARENT_KINDS[request.kind].includes(parent.kind)) {
    throw new AppError('ORG_PARENT_INVALID', {
      message: request.kind === 'grassroots' ? '基层工会只能添加在市县总工会或产业工会之下' : '市县总工会和产业工会只能添加在省总工会之下',
      fields: { parentId: '上级工会不正确' },
    });
  }
  const federation = request.kind !== 'grassroots';
  if (federation && !request.regionCode) {
    throw new AppError('INVALID_INPUT', { message: '请填写会员卡地区代码（2位数字）', fields: { regionCode: '请填写会员卡地区代码' } });
  }
  if (!federation && request.regionCode) {
    throw new AppError('INVALID_INPUT', { message: '基层工会沿用上级工会的会员卡地区代码，无需填写', fields: { regionCode: '基层工会无需填写地区代码' } });
  }
  await requireFreeName(deps, request.kind, request.name, null);
  if (federation) {
    const levels = await Promise.all([deps.liveDirectory.listByKind('city'), deps.liveDirectory.listByKind('industry')]);
    if (levels.flat().some((o) => o.regionCode === request.regionCode)) {
      throw new AppError('INVALID_INPUT', { message: '该会员卡地区代码已被其他工会使用', fields: { regionCode: '地区代码已被使用' } });
    }
  }
  const id = `org-${deps.newId().toLowerCase()}`;
  const org: Org = {
    id,
    name: request.name,
    parentId: parent.id,
    kind: request.kind,
    regionCode: federation ? (request.regionCode as string) : null,
    workUnit: request.workUnit ?? null,
    path: [...parent.path, id],
  };
  const audit = staffAudit(staff, org.path, deps.now(), {
    action: 'org.create',
    target: { type: 'org', id, label: org.name },
    before: null,
    after: facts(org),
  });
  if (!(await deps.orgAdmin.create(org, audit))) throw new Error(`org id ${id} was taken`);
  return view(deps, org);
}

/** POST /api/admin/orgs/{id}/rename: a new name and (given) work unit; the same again changes nothing. */
export async function renameOrg(deps: AdminDeps, openid: string, orgId: string, request: RenameOrgRequest): Promise<RenameOrgResponse> {
  const staff = await requireStaff(deps, openid, '只有工会干部和平台管理员可以修改工会名称');
  return withRereads(3, async () => {
    const org = await orgInReach(deps, staff, orgId, OUTSIDE);
    const to = { name: request.name, workUnit: request.workUnit === undefined ? org.workUnit : request.workUnit };
    if (to.name === org.name && to.workUnit === org.workUnit) return { ...(await view(deps, org)), changed: false };
    if (normalise(to.name) !== normalise(org.name)) await requireFreeName(deps, org.kind, to.name, org.id);
    const audit = staffAudit(staff, org.path, deps.now(), {
      action: 'org.rename',
      target: { type: 'org', id: org.id, label: to.name },
      before: { name: org.name, workUnit: org.workUnit },
      after: { name: to.name, workUnit: to.workUnit },
    });
    if ((await deps.orgAdmin.rename(org, to, audit)) === 'changed') return 'changed' as const;
    return { ...(await view(deps, { ...org, ...to })), changed: true };
  });
}
