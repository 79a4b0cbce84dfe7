import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskOpenid, maskPhone, redactIdNumbers } from '../../functions/kernel/masking';

describe('masking personal data', () => {
  it('masks ID numbers, phones and names', () => {
    expect(maskIdNumber('46010619900307123X')).toBe('46**************3X');
    expect(maskPhone('13876001001')).toBe('138****1001');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('redacts anything shaped like an ID number inside log text', () => {
    const line = JSON.stringify({ message: 'lookup 46010619900307123X failed', other: '460106199003071235' });
    const redacted = redactIdNumbers(line);
    expect(redacted).not.toContain('46010619900307123X');
    expect(redacted).not.toContain('460106199003071235');
    expect(redacted).toContain('46**************3X');
    expect(redactIdNumbers('order 12345 at 2026-11-29')).toBe('order 12345 at 2026-11-29');
  });
});

describe('maskOpenid', () => {
  it('keeps the first 4 and last 4 characters of an openid (2 of a short demo one), and is idempotent', () => {
    expect(maskOpenid('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBe('o6_b****fL2M');
    expect(maskOpenid('dev-bus')).toBe('de****');
    expect(maskOpenid('dev-haikou')).toBe('dev-****ikou');
    for (const openid of ['o6_bmjrPTlm6_2sgVt7hMZOPfL2M', 'dev-bus', 'dev-haikou', 'ab', '']) {
      expect(maskOpenid(maskOpenid(openid))).toBe(maskOpenid(openid));
      if (openid.length > 2) expect(maskOpenid(openid)).not.toContain(openid);
    }
  });
});
