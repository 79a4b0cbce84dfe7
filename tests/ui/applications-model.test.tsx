import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUS_LABELS,
  RATING_LABELS,
  STEP_STATUS_LABELS,
  type StepView,
} from '../../functions/applications/contracts/applications';
import {
  actorLabel,
  badRatingNote,
  deadlineLabel,
  decidedByLabel,
  followUpLabel,
  formatDate,
  KIND_FILTERS,
  QUEUE_STATUS_TABS,
  RATING_CHOICES,
  ratingNote,
  STEP_TONES,
  validateDecision,
  validateRating,
} from '../../src/components/application/model';

/** 2026-05-14 (a Thursday) 10:00 in China. */
const NOW = Date.parse('2026-05-14T10:00:00+08:00');
const bus = { id: 'org-g-hk-bus', name: '海口椰城公共交通有限公司工会' };
const haikou = { id: 'org-haikou', name: '海口市总工会' };

const step = (patch: Partial<StepView>): Pick<StepView, 'dueDate' | 'overdue' | 'status'> => ({
  dueDate: '2026-05-20',
  overdue: false,
  status: 'open',
  ...patch,
});

describe('deadlines: dates in China, with the weekday', () => {
  it('writes a date as members read it, the year only when it is not this year', () => {
    expect(formatDate('2026-05-20', NOW)).toBe('5月20日（周三）');
    expect(formatDate('2026-01-01', NOW)).toBe('1月1日（周四）');
    expect(formatDate('2027-01-04', NOW)).toBe('2027年1月4日（周一）');
    // Late on 31 December UTC is already the new year in China.
    expect(formatDate('2027-01-04', Date.parse('2026-12-31T17:00:00Z'))).toBe('1月4日（周一）');
    expect(formatDate('not a date', NOW)).toBe('not a date');
  });

  it('says by when an open step is due, and marks it once overdue', () => {
    expect(deadlineLabel(step({}), NOW)).toBe('5月20日（周三）前办结');
    expect(deadlineLabel(step({ dueDate: '2026-05-08', overdue: true }), NOW)).toBe('已超期：应于5月8日（周五）前办结');
  });

  it('says nothing about a step that is not running', () => {
    expect(deadlineLabel(step({ status: 'waiting', dueDate: null }), NOW)).toBeNull();
    for (const status of ['approved', 'rejected', 'forwarded', 'cancelled', 'withdrawn', 'skipped'] as const) {
      expect(deadlineLabel(step({ status, overdue: false }), NOW), status).toBeNull();
    }
  });
});

describe('who decided, who did what', () => {
  it('names the union, marks an ancestor’s decision and names the platform for an admin', () => {
    expect(decidedByLabel({ role: 'official', org: bus })).toBe(bus.name);
    expect(decidedByLabel({ role: 'ancestor', org: haikou })).toBe('海口市总工会（上级工会）');
    expect(decidedByLabel({ role: 'admin', org: null })).toBe('平台管理员');
    expect(decidedByLabel(null)).toBe('');
  });

  it('labels every timeline role', () => {
    expect(actorLabel({ role: 'applicant', org: null })).toBe('申请人');
    expect(actorLabel({ role: 'official', org: bus })).toBe(bus.name);
    expect(actorLabel({ role: 'ancestor', org: haikou })).toBe('海口市总工会（上级工会）');
    expect(actorLabel({ role: 'admin', org: null })).toBe('平台管理员');
  });

  it('draws every step status in one of four tones', () => {
    expect(Object.keys(STEP_TONES).sort()).toEqual(Object.keys(STEP_STATUS_LABELS).sort());
    expect(STEP_TONES.open).toBe('current');
    expect(STEP_TONES.rejected).toBe('refused');
    expect(STEP_TONES.approved).toBe('done');
  });
});

describe('the officials’ queue filters', () => {
  it('offers every status (办理中 first) and every kind after 全部, with the contract’s labels', () => {
    expect(QUEUE_STATUS_TABS.map((t) => t.label)).toEqual(['办理中', '已通过', '未通过', '已撤回']);
    expect(QUEUE_STATUS_TABS.map((t) => t.label)).toEqual(Object.values(APPLICATION_STATUS_LABELS));
    expect(KIND_FILTERS.map((t) => t.value)).toEqual(['all', 'join', 'transfer', 'subsidy']);
  });
});

describe('a decision before it is sent', () => {
  it('approves with or without a comment', () => {
    expect(validateDecision({ stepId: 's1', decision: 'approve', comment: '  ', toOrgId: '' })).toEqual({
      ok: true,
      request: { step: 's1', decision: 'approve' },
    });
    expect(validateDecision({ stepId: 's2', decision: 'approve', comment: ' 同意 ', toOrgId: '' })).toEqual({
      ok: true,
      request: { step: 's2', decision: 'approve', comment: '同意' },
    });
  });

  it('needs the reason of a rejection and the reason and union of a forward', () => {
    expect(validateDecision({ stepId: 's1', decision: 'reject', comment: ' ', toOrgId: '' })).toEqual({
      ok: false,
      errors: { comment: '请填写驳回原因' },
    });
    expect(validateDecision({ stepId: 's1', decision: 'forward', comment: '', toOrgId: '' })).toEqual({
      ok: false,
      errors: { comment: '请填写转交原因', toOrgId: '请选择转交的工会' },
    });
    expect(validateDecision({ stepId: 's1', decision: 'forward', comment: '应由本单位工会办理', toOrgId: bus.id })).toEqual({
      ok: true,
      request: { step: 's1', decision: 'forward', comment: '应由本单位工会办理', toOrgId: bus.id },
    });
  });

  it('sends a union only with a forward, and refuses what the contract refuses', () => {
    const approved = validateDecision({ stepId: 's1', decision: 'approve', comment: '', toOrgId: bus.id });
    expect(approved.ok && approved.request).toEqual({ step: 's1', decision: 'approve' });
    expect(validateDecision({ stepId: 's1', decision: 'reject', comment: '太'.repeat(201), toOrgId: '' })).toEqual({
      ok: false,
      errors: { comment: '审核意见不能超过200个字' },
    });
    expect(validateDecision({ stepId: 'step-1', decision: 'approve', comment: '', toOrgId: '' })).toEqual({
      ok: false,
      errors: { form: '审核环节编号不正确' },
    });
  });
});

describe('好差评', () => {
  it('offers the five levels in the State Council’s order', () => {
    expect(RATING_CHOICES.map((c) => c.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(RATING_CHOICES.map((c) => c.level)).toEqual([5, 4, 3, 2, 1]);
  });

  it('needs a level; the comment is optional and trimmed', () => {
    const missing = validateRating(null, '很好');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toMatch(/^请选择评价等级/);
    expect(validateRating(4, '  ')).toEqual({ ok: true, request: { level: 4 } });
    expect(validateRating(1, ' 太慢了 ')).toEqual({ ok: true, request: { level: 1, comment: '太慢了' } });
    expect(validateRating(5, '好'.repeat(201))).toEqual({ ok: false, error: '评价内容不能超过200个字' });
  });

  it('tells the member of a 差评 who calls back, and within how many working days', () => {
    expect(badRatingNote(bus.name)).toBe('海口椰城公共交通有限公司工会将在15个工作日内核实处理并回访答复您。');
  });

  it('says where a 回访 stands', () => {
    const open = { org: bus, status: 'open' as const, dueDate: '2026-06-04', overdue: false };
    expect(followUpLabel(open, NOW)).toBe('待回访：海口椰城公共交通有限公司工会应于6月4日（周四）前答复');
    expect(followUpLabel({ ...open, overdue: true }, NOW)).toBe('回访已超期：海口椰城公共交通有限公司工会应于6月4日（周四）前答复');
    expect(followUpLabel({ ...open, status: 'done', onTime: true }, NOW)).toBe('已回访');
    expect(followUpLabel({ ...open, status: 'done', onTime: false }, NOW)).toBe('已回访（超过期限）');
    expect(followUpLabel(null, NOW)).toBeNull();
  });

  it('notes on a card the level given, or, for the applicant, that a closed one awaits a rating', () => {
    expect(ratingNote({ status: 'approved', rating: { level: 3 } }, true)).toBe(`评价：${RATING_LABELS[3]}`);
    expect(ratingNote({ status: 'rejected', rating: null }, true)).toBe('待评价');
    expect(ratingNote({ status: 'rejected', rating: null }, false)).toBeNull();
    expect(ratingNote({ status: 'pending', rating: null }, true)).toBeNull();
    expect(ratingNote({ status: 'cancelled', rating: null }, true)).toBeNull();
  });
});
