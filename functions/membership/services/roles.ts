import type { Role } from '../../kernel/contracts/common';
import type { Account, Org } from '../domain/types';
import type { Deps } from './ports';

/** The roles an account holds, with the names of the orgs and merchants they refer to. */
export async function describeRoles(
  deps: Pick<Deps, 'orgs' | 'merchants'>,
  account: Account,
  knownOrgs: Map<string, Org> = new Map(),
): Promise<Role[]> {
  const orgIds = account.roles.flatMap((r) => ((r.type === 'official' || r.type === 'hardship') && !knownOrgs.has(r.orgId) ? [r.orgId] : []));
  const merchantIds = account.roles.flatMap((r) => (r.type === 'clerk' ? [r.merchantId] : []));
  const [orgs, merchants] = await Promise.all([deps.orgs.getMany(orgIds), deps.merchants.getMany(merchantIds)]);
  const roles: Role[] = account.memberId ? [{ type: 'member' }] : [];
  for (const role of account.roles) {
    if (role.type === 'official') {
      const org = knownOrgs.get(role.orgId) ?? orgs.get(role.orgId);
      if (org) roles.push({ type: 'official', orgId: org.id, orgName: org.name });
    } else if (role.type === 'hardship') {
      const org = knownOrgs.get(role.orgId) ?? orgs.get(role.orgId);
      if (org) roles.push({ type: 'hardship', orgId: org.id, orgName: org.name });
    } else if (role.type === 'clerk') {
      const merchant = merchants.get(role.merchantId);
      if (merchant) roles.push({ type: 'clerk', merchantId: merchant.id, merchantName: merchant.name });
    } else {
      roles.push({ type: 'admin' });
    }
  }
  return roles;
}
