import { describe, expect, it } from 'vitest';
import {
  ACTION_FILTERS,
  auditSentence,
  auditWhen,
  changeSentence,
  actionLabel,
  actorFilterError,
  actorLine,
  auditFilterQuery,
  changeRows,
  formatValue,
} from '../../src/workbench/audit/model';
import { auditQuery, type AuditEntryView } from '../../functions/audit/contracts/audit';

describe('操作记录 model', () => {
  it('names every recorded action in Chinese and keeps unknown ones readable', () => {
    expect(actionLabel('benefit.status')).toBe('权益状态变更');
    expect(actionLabel('member.release-phone')).toBe('释放手机号');
    expect(actionLabel('merchant.suspend')).toBe('商户操作');
    expect(actionLabel('weird')).toBe('其他操作');
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
    expect(rows).toEqual([{ key: 'status', label: '状态', before: '已发布', after: '已暂停' }]);
    expect(rows.map(changeSentence)).toEqual(['状态由「已发布」改为「已暂停」']);
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

  it('formats values in words: none as —, orgs by name, fen as yuan, instants in Beijing time, lists with 、, no JSON', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(false)).toBe('否');
    expect(formatValue({ id: 'org-1', name: '海口市总工会' })).toBe('海口市总工会');
    expect(formatValue([1, 2])).toBe('1、2');
    expect(formatValue(4000, 'faceValueFen')).toBe('¥40');
    expect(formatValue(Date.parse('2026-03-01T06:05:00Z'))).toBe('2026-03-01 14:05');
    expect(formatValue('2026-03-01T06:05:00.000Z')).toBe('2026-03-01 14:05');
    expect(formatValue('rejected')).toBe('已驳回');
    expect(formatValue('dev-****ikou')).toBeNull();
    expect(formatValue('138****5678')).toBe('138****5678');
    expect(formatValue({ type: 'official', orgId: 'org-haikou' })).toBe('工会干部');
  });

  it('says who acted', () => {
    expect(actorLine({ openid: 'a', as: 'admin', org: null })).toBe('平台管理员');
    expect(actorLine({ openid: 'b', as: 'official', org: { id: 'org-haikou', name: '海口市总工会' } })).toBe('海口市总工会 干部');
  });

  describe('entries as sentences (what the page shows)', () => {
    const haikou = { openid: 'dev-****ikou', as: 'official' as const, org: { id: 'org-haikou', name: '海口市总工会' } };
    const admin = { openid: 'dev-****dmin', as: 'admin' as const, org: null };
    const at = '2026-03-01T14:05:00+08:00';
    // The shapes the capabilities write (functions/*/services: decisionAudit, desk, role-admin, merchant-admin, member-care, campaigns).
    const entries: Array<Pick<AuditEntryView, 'actor' | 'action' | 'target' | 'before' | 'after' | 'at'>> = [
      {
        at,
        actor: haikou,
        action: 'application.decide',
        target: { type: 'application', id: '01JNKD2Q3R4S5T6V7W8X9Y0Z1A', label: null },
        before: { status: 'pending', step: { id: 's1', org: '海口市总工会', status: 'pending', comment: null, forwardedTo: null } },
        after: { status: 'rejected', decision: 'reject', step: { id: 's1', org: '海口市总工会', status: 'rejected', comment: '材料不全', forwardedTo: null } },
      },
      { at, actor: admin, action: 'benefit.status', target: { type: 'benefit', id: 'ben-1', label: '观影券' }, before: { status: 'published' }, after: { status: 'paused' } },
      {
        at,
        actor: haikou,
        action: 'benefit.create',
        target: { type: 'benefit', id: 'ben-2', label: '书香券' },
        before: null,
        after: { title: '书香券', status: 'draft', faceValueFen: 3000, priceFen: 0, stock: 800, shards: 1, merchantIds: ['mch-yecheng-books'], claimStartsAt: 1772344800000, regionQuotas: { '01': 300 }, orgId: 'org-haikou' },
      },
      { at, actor: haikou, action: 'role.grant', target: { type: 'account', id: 'dev-****2345', label: null }, before: { held: false }, after: { held: true, role: { type: 'official', orgId: 'org-g-hk-bus' } } },
      { at, actor: admin, action: 'merchant.create', target: { type: 'merchant', id: 'mch-x', label: '椰风影城' }, before: null, after: { name: '椰风影城', status: 'active', agreements: [{ orgId: 'org-hainan', since: '2026-01-01T00:00:00+08:00' }] } },
      { at, actor: haikou, action: 'member.unbind', target: { type: 'member', id: 'mem-1', label: null }, before: { bound: true, openid: 'dev-****5678' }, after: { bound: false, openid: null } },
      { at, actor: admin, action: 'subsidy-rules.update', target: { type: 'rules', id: 'subsidy', label: null }, before: { tierAmountsFen: [5000, 10000], maxPayoutFen: 30000, version: 1 }, after: { tierAmountsFen: [5000, 10000, 20000], maxPayoutFen: 30000, version: 2 } },
      { at, actor: haikou, action: 'application.follow-up', target: { type: 'application', id: '01JNKD2Q3R4S5T6V7W8X9Y0Z7B', label: null }, before: { followUp: { status: 'due', dueDate: '2026-03-10' } }, after: { followUp: { status: 'recorded', dueDate: '2026-03-10', note: '已电话回访', onTime: true } } },
      { at, actor: haikou, action: 'merchant.suspend', target: { type: 'merchant', id: 'mch-y', label: null }, before: { weirdField: { nested: 1 } }, after: { weirdField: { nested: 2 } } },
    ];
    const shown = entries.map((e) => {
      const changes = changeRows(e).map(changeSentence);
      return `${auditWhen(e.at)} ${auditSentence(e)}${changes.length > 0 ? `：${changes.join('；')}` : ''}。`;
    });

    it('say who, what, which case and when, in Beijing time, with states and decisions in Chinese', () => {
      expect(shown[0]).toMatch(/^2026-03-01 14:05（北京时间） 海口市总工会 干部 审核了申请（受理编号 \d{8}-9Y0Z1A）：/);
      expect(shown[0]).toContain('状态由「待审核」改为「已驳回」');
      expect(shown[0]).toContain('决定为「驳回」');
      expect(shown[0]).toContain('环节由「海口市总工会 待审核」改为「海口市总工会 已驳回（材料不全）」');
      expect(shown[1]).toBe('2026-03-01 14:05（北京时间） 平台管理员 变更了权益「观影券」的状态：状态由「已发布」改为「已暂停」。');
      expect(shown[2]).toContain('新建了权益「书香券」');
      expect(shown[2]).toContain('面值为「¥30」');
      expect(shown[2]).toContain('领取开始为「2026-03-01 14:00」');
      expect(shown[2]).toContain('分市县名额为「01 地区 300」');
      expect(shown[3]).toBe('2026-03-01 14:05（北京时间） 海口市总工会 干部 为一个账号授予了权限：持有权限由「否」改为「是」；角色为「工会干部」。');
      expect(shown[4]).toContain('签约工会为「签约时间 2026-01-01 00:00」');
      expect(shown[5]).toBe('2026-03-01 14:05（北京时间） 海口市总工会 干部 解除了一位会员的微信绑定：微信绑定由「是」改为「否」。');
      expect(shown[6]).toContain('补贴档位由「¥50、¥100」改为「¥50、¥100、¥200」');
      expect(shown[7]).toContain('回访由「待回访，回访期限 2026-03-10」改为「已回访，回访期限 2026-03-10，回访记录 已电话回访，按时回访 是」');
      expect(shown[8]).toBe('2026-03-01 14:05（北京时间） 海口市总工会 干部 进行了商户操作：一个商户。');
    });

    it('hold no JSON, no raw milliseconds, no openid and no English field name or code', () => {
      const all = shown.join('\n');
      expect(all).not.toMatch(/[{}[\]"]/);
      expect(all).not.toMatch(/\d{10,}/);
      expect(all).not.toMatch(/\*{4}[a-z]/i);
      expect(all).not.toMatch(/dev-/);
      // Letters only inside the 受理编号 (its six characters are the id's, Crockford base32).
      expect(all.replace(/受理编号 \d{8}-[0-9A-Z]{6}/g, '')).not.toMatch(/[A-Za-z]/);
      expect(all).not.toMatch(/→/);
    });
  });
});
