import { describe, expect, it } from 'vitest';
import {
  ACTION_FILTERS,
  actionLabel,
  actorFilterError,
  actorLine,
  auditFilterQuery,
  changeRows,
  formatValue,
} from '../../src/workbench/audit/model';
import { auditQuery } from '../../functions/audit/contracts/audit';

describe('操作记录 model', () => {
  it('names every recorded action in Chinese and keeps unknown ones readable', () => {
    expect(actionLabel('benefit.status')).toBe('权益状态变更');
    expect(actionLabel('member.release-phone')).toBe('释放手机号');
    expect(actionLabel('merchant.suspend')).toBe('商户（merchant.suspend）');
    expect(actionLabel('weird')).toBe('weird');
  });

  it('filters are prefixes the API accepts', () => {
    for (const f of ACTION_FILTERS) {
      const query = auditFilterQuery(f.value, '');
      expect(auditQuery.safeParse(query).success).toBe(true);
      expect(query.action).toBe(f.value === 'all' ? undefined : f.value);
    }
    expect(auditFilterQuery('all', '  dev-haikou ')).toEqual({ actor: 'dev-haikou' });
  });

  it('checks the actor field with the contract’s own messages', () => {
    expect(actorFilterError('')).toBeNull();
    expect(actorFilterError('  ')).toBeNull();
    expect(actorFilterError('dev-haikou')).toBeNull();
    expect(actorFilterError('x'.repeat(129))).toBe('操作人不正确');
  });

  it('shows only the fields a change touched, old → new', () => {
    const rows = changeRows({ before: { status: 'published', title: '观影券' }, after: { status: 'paused', title: '观影券' } });
    expect(rows).toEqual([{ key: 'status', label: '状态', before: 'published', after: 'paused' }]);
  });

  it('shows every field of a creation and of a removal, masked values as given', () => {
    expect(changeRows({ before: null, after: { name: '新工会', bound: true } })).toEqual([
      { key: 'name', label: '名称', before: '', after: '新工会' },
      { key: 'bound', label: '微信绑定', before: '', after: '是' },
    ]);
    expect(changeRows({ before: { phoneMasked: '138****5678' }, after: null })).toEqual([
      { key: 'phoneMasked', label: '手机号', before: '138****5678', after: '' },
    ]);
    expect(changeRows({ before: null, after: null })).toEqual([]);
    expect(changeRows({ before: 3, after: 5 })).toEqual([{ key: 'value', label: '内容', before: '3', after: '5' }]);
  });

  it('formats values: none as —, orgs by name, other objects as JSON', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(false)).toBe('否');
    expect(formatValue({ id: 'org-1', name: '海口市总工会' })).toBe('海口市总工会');
    expect(formatValue([1, 2])).toBe('[1,2]');
  });

  it('says who acted', () => {
    expect(actorLine({ openid: 'a', as: 'admin', org: null })).toBe('平台管理员');
    expect(actorLine({ openid: 'b', as: 'official', org: { id: 'org-haikou', name: '海口市总工会' } })).toBe('海口市总工会 干部');
  });
});
