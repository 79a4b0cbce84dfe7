import { describe, expect, it } from 'vitest';
import { searchError, searchKind, todayInChina, validateLeave } from '../../src/workbench/members/model';

const NOW = Date.parse('2026-12-03T17:00:00Z'); // 2026-12-04 01:00 in China

describe('会员服务 model', () => {
  it('tells what a search looks for', () => {
    expect(searchKind(' 13900001234 ')).toBe('phone');
    expect(searchKind('46010219900101122X')).toBe('idNumber');
    expect(searchKind('460102199001011228')).toBe('idNumber');
    expect(searchKind('林晓')).toBe('name');
    expect(searchKind('1390000123')).toBe('name');
  });

  it('refuses an empty or overlong search with the contract’s messages', () => {
    expect(searchError('  ')).toBe('请填写姓名、手机号或身份证号');
    expect(searchError('林'.repeat(31))).toBe('姓名、手机号或身份证号不能超过30个字');
    expect(searchError('林')).toBeNull();
  });

  it('dates in China', () => {
    expect(todayInChina(NOW)).toBe('2026-12-04');
  });

  it('checks the 退会 form: reason, date format, not in the future', () => {
    expect(validateLeave({ reason: '', date: 'x' }, NOW)).toEqual({ ok: false, errors: { reason: '请填写退会原因', date: '退会日期应为 YYYY-MM-DD 格式' } });
    expect(validateLeave({ reason: '退休', date: '2026-12-05' }, NOW)).toEqual({ ok: false, errors: { date: '退会日期不能晚于今天' } });
    expect(validateLeave({ reason: ' 退休 ', date: '2026-12-04' }, NOW)).toEqual({ ok: true, request: { reason: '退休', date: '2026-12-04' } });
  });
});
