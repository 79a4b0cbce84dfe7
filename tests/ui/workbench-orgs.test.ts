import { describe, expect, it } from 'vitest';
import { rolesLine, validateNewOrg, validateRename, validateRole } from '../../src/workbench/orgs/model';

describe('组织与权限 model', () => {
  it('新增工会: contract messages per field; empty optional fields left out; region code only for a federation', () => {
    expect(validateNewOrg({ parentId: '', kind: 'grassroots', name: ' ', workUnit: '', regionCode: '' })).toEqual({
      ok: false,
      errors: { parentId: '上级工会不正确', name: '请填写工会名称' },
    });
    expect(validateNewOrg({ parentId: 'org-haikou', kind: 'grassroots', name: ' 新工会 ', workUnit: '', regionCode: '01' })).toEqual({
      ok: true,
      request: { parentId: 'org-haikou', kind: 'grassroots', name: '新工会' },
    });
    expect(validateNewOrg({ parentId: 'org-province', kind: 'city', name: '新市总工会', workUnit: '', regionCode: '1a' })).toEqual({
      ok: false,
      errors: { regionCode: '地区代码应为2位数字' },
    });
  });

  it('工会更名: an empty work unit clears it', () => {
    expect(validateRename({ name: '新名', workUnit: ' ' })).toEqual({ ok: true, request: { name: '新名', workUnit: null } });
    expect(validateRename({ name: '', workUnit: '' })).toEqual({ ok: false, errors: { name: '请填写工会名称' } });
  });

  it('干部权限: whose and which org', () => {
    expect(validateRole({ by: 'memberId', who: ' ', orgId: 'org-haikou' })).toEqual({ ok: false, errors: { who: '请填写会员编号' } });
    expect(validateRole({ by: 'openid', who: 'bad id!', orgId: 'org-haikou' })).toEqual({ ok: false, errors: { who: '微信账号标识不正确' } });
    expect(validateRole({ by: 'openid', who: 'dev-bus', orgId: '' })).toEqual({ ok: false, errors: { orgId: '工会不正确' } });
    expect(validateRole({ by: 'memberId', who: 'mem-1', orgId: 'org-haikou' })).toEqual({
      ok: true,
      request: { memberId: 'mem-1', role: { type: 'official', orgId: 'org-haikou' } },
    });
  });

  it('says what an account is after a change', () => {
    expect(rolesLine([])).toBe('普通用户（无工作权限）');
    expect(
      rolesLine([
        { type: 'official', orgId: 'o', orgName: '海口市总工会' },
        { type: 'clerk', merchantId: 'm', merchantName: '椰风影城' },
        { type: 'admin' },
      ]),
    ).toBe('海口市总工会 干部、椰风影城 核销员、平台管理员');
  });
});
