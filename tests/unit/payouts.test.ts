import { describe, expect, it } from 'vitest';
import {
  bankCardProblem,
  luhnValid,
  maskBankCard,
  normaliseCardNumber,
  parseBankAnswer,
  payeeInputSchema,
} from '../../functions/applications/contracts/payouts';
import { subsidyFormSchema } from '../../functions/applications/contracts/subsidy';
import {
  bankFile,
  batchCandidates,
  batchNumber,
  checkResults,
  confirmRefusal,
  encryptPayee,
  markRefusal,
  operatesPayouts,
  yuanText,
  type BatchLine,
} from '../../functions/applications/domain/payouts';
import { payeeCipherContext } from '../../functions/applications/domain/subsidy';
import { createIdCrypto } from '../../functions/kernel/id-crypto';
import { OTHER_CARD, TEST_CARD, TEST_CARD_BAD_CHECK, TEST_CARD_MASKED } from '../support/payee';

/**
 * 补贴发放's rules without a database: the card's Luhn check digit (vectors checked by hand and with
 * python's reference loop, and the well-known test number 4111 1111 1111 1111), masks, the batch's
 * candidates, results and the two-person rule, the bank file and the bank's answer.
 */

describe('a bank card number', () => {
  it('passes the Luhn check exactly when its last digit is the check digit', () => {
    for (const good of [TEST_CARD, OTHER_CARD, '4111111111111111', '6230620000012345671']) expect(luhnValid(good)).toBe(true);
    expect(luhnValid(TEST_CARD_BAD_CHECK)).toBe(false);
    // Every other last digit fails.
    const body = TEST_CARD.slice(0, -1);
    const passing = Array.from({ length: 10 }, (_, d) => body + d).filter(luhnValid);
    expect(passing).toEqual([TEST_CARD]);
    // A swap of two neighbouring digits is caught (all but 09 ↔ 90, Luhn's known blind spot).
    expect(luhnValid('6222021243567890128')).toBe(false);
    expect(luhnValid('6222021234567809128')).toBe(true);
    expect(luhnValid('62220212345678901x8')).toBe(false);
  });

  it('is refused with words the member can act on, spaces and dashes allowed', () => {
    expect(bankCardProblem('6222 0212 3456 7890 128')).toBeNull();
    expect(normaliseCardNumber('6222-0212 3456 7890 128')).toBe(TEST_CARD);
    expect(bankCardProblem('')).toBe('请填写本人银行卡号');
    expect(bankCardProblem('62220212345678901a8')).toBe('银行卡号只能是数字');
    expect(bankCardProblem('411111111111111')).toBe('银行卡号应为16至19位数字');
    expect(bankCardProblem(TEST_CARD_BAD_CHECK)).toBe('银行卡号校验不通过，请逐位核对（最后一位是校验位）');
    const parsed = payeeInputSchema.safeParse({ bankName: '中国银行', accountNumber: TEST_CARD_BAD_CHECK });
    expect(parsed.success ? null : parsed.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['accountNumber', '银行卡号校验不通过，请逐位核对（最后一位是校验位）'],
    ]);
  });

  it('is required by the subsidy form and masked to its last four', () => {
    const form = { campaignId: 'C', travelDate: '2026-01-20', fromStation: '海口东站', toStation: '郑州站', fare: 100, proofKeys: ['k'] };
    expect(subsidyFormSchema.safeParse(form).success).toBe(false);
    expect(subsidyFormSchema.safeParse({ ...form, payee: { bankName: '中国工商银行', accountNumber: TEST_CARD } }).success).toBe(true);
    expect(maskBankCard(TEST_CARD)).toBe(TEST_CARD_MASKED);
  });

  it('is stored encrypted for its application only', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const crypto = createIdCrypto({ encryptionKey: key, hashKey: key });
    const stored = encryptPayee(crypto, 'APP1', { bankName: '中国工商银行', accountNumber: '6222 0212 3456 7890 128' });
    expect(stored.accountMasked).toBe(TEST_CARD_MASKED);
    expect(stored.accountCipher).not.toContain(TEST_CARD);
    expect(stored.accountCipher).not.toContain('0128');
    expect(crypto.decrypt(stored.accountCipher, payeeCipherContext('APP1'))).toBe(TEST_CARD);
    expect(() => crypto.decrypt(stored.accountCipher, payeeCipherContext('APP2'))).toThrow();
  });
});

const line = (n: number, over: Partial<BatchLine> = {}): BatchLine => ({
  campaignId: 'C',
  memberId: `m${n}`,
  applicationId: `A${n}`,
  reference: `20260301-00000${n}`,
  payeeName: `会员${n}`,
  bankName: '中国工商银行海口分行',
  accountMasked: TEST_CARD_MASKED,
  amountFen: 10_000 + n,
  ...over,
});

describe('a batch', () => {
  it('takes pending payouts with a card and no batch, oldest first, at most 500', () => {
    const p = (n: number, over: object = {}) => ({ id: n, status: 'pending', payee: {}, batchId: null as string | null, createdAt: `2026-03-01T00:00:${String(n % 60).padStart(2, '0')}.${String(n).padStart(3, '0')}Z`, ...over });
    const all = [p(3), p(1), p(2, { payee: null }), p(4, { status: 'paid' }), p(5, { status: 'failed' }), p(6, { batchId: 'B' })];
    expect(batchCandidates(all).map((x) => x.id)).toEqual([1, 3]);
    expect(batchCandidates(Array.from({ length: 600 }, (_, i) => p(i)))).toHaveLength(500);
  });

  it('is operated by the paying federation’s own officials and admins only', () => {
    expect(operatesPayouts([{ type: 'official', orgId: 'hn' }], 'hn')).toBe(true);
    expect(operatesPayouts([{ type: 'admin' }], 'hn')).toBe(true);
    expect(operatesPayouts([{ type: 'official', orgId: 'hk' }], 'hn')).toBe(false);
    expect(operatesPayouts([{ type: 'member' } as never], 'hn')).toBe(false);
  });

  it('needs every line’s result exactly once, a failure with its reason', () => {
    const batch = { lines: [line(1), line(2)] };
    const ok = checkResults(batch, [
      { reference: line(1).reference, result: 'paid' },
      { reference: line(2).reference, result: 'failed', reason: 'name_mismatch', note: ' 户名不符 ' },
    ]);
    expect(ok).toEqual({ [line(1).reference]: { result: 'paid', reason: null, note: null }, [line(2).reference]: { result: 'failed', reason: 'name_mismatch', note: '户名不符' } });
    const refused = (lines: Parameters<typeof checkResults>[1]) => {
      try {
        checkResults(batch, lines);
        return null;
      } catch (e) {
        return (e as { code: string; message: string }).message;
      }
    };
    expect(refused([{ reference: line(1).reference, result: 'paid' }])).toMatch(/还有 1 笔没有填写结果/);
    expect(refused([{ reference: 'X', result: 'paid' }])).toMatch(/参考号 X 不在本批次中/);
    expect(refused([{ reference: line(1).reference, result: 'paid' }, { reference: line(1).reference, result: 'paid' }])).toMatch(/出现了两次/);
    expect(refused([{ reference: line(1).reference, result: 'paid' }, { reference: line(2).reference, result: 'failed' }])).toMatch(/请选择.*失败原因/);
  });

  it('is confirmed by a second person only, once', () => {
    expect(confirmRefusal({ status: 'marked', markedBy: 'a' }, 'b')).toBeNull();
    expect(confirmRefusal({ status: 'marked', markedBy: 'a' }, 'a')).toBe('BATCH_SAME_PERSON');
    expect(confirmRefusal({ status: 'exported', markedBy: null }, 'b')).toBe('BATCH_NOT_MARKED');
    expect(confirmRefusal({ status: 'confirmed', markedBy: 'a' }, 'b')).toBe('BATCH_ALREADY_CONFIRMED');
    expect(markRefusal({ status: 'confirmed' })).toBe('BATCH_ALREADY_CONFIRMED');
    expect(markRefusal({ status: 'building' })).toBe('BATCH_NOT_READY');
    expect(markRefusal({ status: 'marked' })).toBeNull();
  });

  it('writes the bank file with the full numbers, amounts in yuan, a total and the references', () => {
    const batch = { id: '01JNV0000000000000000ABCDEF', createdAt: '2026-03-01T18:00:00.000Z', lines: [line(1), line(2, { payeeName: '=HYPERLINK("x")' })] };
    const file = bankFile(batch, (l) => (l.memberId === 'm1' ? TEST_CARD : OTHER_CARD));
    expect(batchNumber(batch)).toBe('PB20260302ABCDEF');
    expect(file.name).toBe('PB20260302ABCDEF.csv');
    expect(file.content.startsWith('\uFEFF序号,收款人姓名,收款账号,开户银行,金额（元）,附言（参考号）\r\n')).toBe(true);
    const rows = file.content.slice(1).trim().split('\r\n');
    expect(rows[1]).toBe(`1,会员1,${TEST_CARD},中国工商银行海口分行,100.01,20260301-000001`);
    // A spreadsheet formula in a name is neutralised, and quoted for its comma-free quotes.
    expect(rows[2]).toBe(`2,"'=HYPERLINK(""x"")",${OTHER_CARD},中国工商银行海口分行,100.02,20260301-000002`);
    expect(rows[3]).toBe('合计,2笔,,,200.03,PB20260302ABCDEF');
    expect([yuanText(5), yuanText(30_000), yuanText(12_345)]).toEqual(['0.05', '300.00', '123.45']);
  });
});

describe("the bank's answer", () => {
  it('is read by its column names in any order, success and failure in the banks’ words', () => {
    const text = '\uFEFF状态,附言,失败原因\r\n成功,20260301-000001,\r\n失败,20260301-000002,户名不符\r\n处理中,20260301-000003,\r\n';
    expect(parseBankAnswer(text)).toEqual({
      lines: [
        { reference: '20260301-000001', result: 'paid', note: null },
        { reference: '20260301-000002', result: 'failed', note: '户名不符' },
      ],
      problems: ['第4行无法识别（参考号或结果为空或不是“成功/失败”）'],
    });
    expect(parseBankAnswer('a,b\n1,2').problems).toEqual(['文件首行应包含“参考号”和“结果”两列']);
  });
});

describe('the logs', () => {
  it('never carry a card number: a field so named or any run of 16 to 19 digits keeps its last four', async () => {
    const { log } = await import('../../functions/kernel/logger');
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      log.info(`payee ${TEST_CARD} and 4111111111111111`, { payee: { accountNumber: '6222 0212 3456 7890 128' }, at: 1_767_225_600_000 });
    } finally {
      console.log = original;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TEST_CARD);
    expect(lines[0]).not.toContain('4111111111111111');
    expect(lines[0]).toContain('***************0128');
    expect(lines[0]).toContain('************1111');
    // Epoch milliseconds are no card number.
    expect(lines[0]).toContain('1767225600000');
  });
});
