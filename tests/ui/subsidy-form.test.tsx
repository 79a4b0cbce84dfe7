import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubsidyTier } from '../../functions/applications/contracts/subsidy';
import { PROOF_MAX_BYTES } from '../../functions/applications/contracts/uploads';
import { ProofUpload, useProofs } from '../../src/components/proof-upload';
import {
  amountFor,
  chinaDate,
  eligibilityNote,
  emptySubsidyForm,
  tierLines,
  validateSubsidy,
  type SubsidyValues,
} from '../../src/components/subsidy/model';
import { contentTypeOf, imageRefusal, type PickedImage } from '../../src/services/subsidy';
import { flush, mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
const pictures = vi.hoisted(() => ({ chooseImage: vi.fn(), previewImage: vi.fn() }));
// @tarojs/taro is CommonJS: its default object, with the two picture APIs the form uses replaced.
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, ...pictures };
  return { ...taro, default: taro };
});

/** The demo's 返乡交通补贴: round trip from ¥50, tiers ¥50 / ¥100 / ¥200 / ¥300. */
const TIERS: SubsidyTier[] = [
  { minFareFen: 5_000, amountFen: 5_000 },
  { minFareFen: 20_000, amountFen: 10_000 },
  { minFareFen: 50_000, amountFen: 20_000 },
  { minFareFen: 100_000, amountFen: 30_000 },
];
const CAMPAIGN = { id: '01JCAMPA1GN000000000000001', travelFrom: '2026-01-10', travelUntil: '2026-02-28', fareThresholdFen: 5_000, tiers: TIERS };
const TODAY = '2026-02-01';

function filled(patch: Partial<SubsidyValues> = {}): SubsidyValues {
  return {
    ...emptySubsidyForm(),
    travelDate: '2026-01-20',
    fromStation: ' 广州南站 ',
    toStation: '海口东站',
    fare: '268.5',
    proofKeys: ['proofs/abc/01J.jpg'],
    bankName: '中国工商银行海口分行',
    accountNumber: '6222 0212 3456 7890 128',
    ...patch,
  };
}

describe('补贴 form → request (the contract’s subsidyFormSchema and the campaign’s rules)', () => {
  it('sends the campaign, the trimmed stations, the fare in yuan and the uploaded keys', () => {
    expect(validateSubsidy(filled(), CAMPAIGN, TODAY)).toEqual({
      ok: true,
      request: {
        campaignId: CAMPAIGN.id,
        travelDate: '2026-01-20',
        fromStation: '广州南站',
        toStation: '海口东站',
        fare: 268.5,
        proofKeys: ['proofs/abc/01J.jpg'],
        payee: { bankName: '中国工商银行海口分行', accountNumber: '6222 0212 3456 7890 128' },
      },
    });
  });

  it('checks the card number’s Luhn check digit as it is typed', () => {
    expect(validateSubsidy(filled({ accountNumber: '6222021234567890123' }), CAMPAIGN, TODAY)).toEqual({
      ok: false,
      errors: { accountNumber: '银行卡号校验不通过，请逐位核对（最后一位是校验位）' },
    });
    expect(validateSubsidy(filled({ accountNumber: '62220212' }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { accountNumber: '银行卡号应为16至19位数字' } });
  });

  it('names every field still missing, in the contract’s words', () => {
    expect(validateSubsidy(emptySubsidyForm(), CAMPAIGN, TODAY)).toEqual({
      ok: false,
      errors: {
        travelDate: '请填写乘车（机）日期（如 2026-01-20）',
        fromStation: '请填写出发站（机场）',
        toStation: '请填写到达站（机场）',
        fare: '请填写票价（元）',
        proofKeys: '请上传车票（机票）图片',
        bankName: '请填写开户银行（如 中国工商银行海口分行）',
        accountNumber: '请填写本人银行卡号',
      },
    });
  });

  it('refuses a fare that is no amount, has three decimals, or stays below the threshold', () => {
    expect(validateSubsidy(filled({ fare: '两百' }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { fare: '票价请填写数字，如 268.5' } });
    expect(validateSubsidy(filled({ fare: '268.555' }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { fare: '票价最多保留两位小数' } });
    expect(validateSubsidy(filled({ fare: '0' }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { fare: '票价应大于0' } });
    expect(validateSubsidy(filled({ fare: '49.99' }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { fare: '票价未达到补贴门槛 ¥50，不能申请' } });
    expect(validateSubsidy(filled({ fare: '¥50' }), CAMPAIGN, TODAY).ok).toBe(true);
  });

  it('keeps the travel date inside the campaign’s travel window and not after today', () => {
    expect(validateSubsidy(filled({ travelDate: '2026-01-09' }), CAMPAIGN, TODAY)).toEqual({
      ok: false,
      errors: { travelDate: '乘车日期应在 2026-01-10 至 2026-02-28 之间' },
    });
    expect(validateSubsidy(filled({ travelDate: '2026-02-02' }), CAMPAIGN, TODAY)).toEqual({
      ok: false,
      errors: { travelDate: '乘车日期不能晚于今天，请在出行后凭票申请' },
    });
    expect(validateSubsidy(filled({ travelDate: '2026/01/20' }), CAMPAIGN, TODAY)).toEqual({
      ok: false,
      errors: { travelDate: '请填写乘车（机）日期（如 2026-01-20）' },
    });
    expect(validateSubsidy(filled({ travelDate: TODAY }), CAMPAIGN, TODAY).ok).toBe(true);
  });

  it('allows at most three images', () => {
    expect(validateSubsidy(filled({ proofKeys: ['a', 'b', 'c', 'd'] }), CAMPAIGN, TODAY)).toEqual({ ok: false, errors: { proofKeys: '最多上传3张图片' } });
  });

  it('shows the amount the contract’s subsidyAmount() gives, as the fare is typed', () => {
    expect(amountFor(TIERS, '')).toBeNull();
    expect(amountFor(TIERS, '26x')).toBeNull();
    expect(amountFor(TIERS, '49.99')).toBe(0);
    expect(amountFor(TIERS, '50')).toBe(5_000);
    expect(amountFor(TIERS, '199.99')).toBe(5_000);
    expect(amountFor(TIERS, '268.5')).toBe(10_000);
    expect(amountFor(TIERS, '500')).toBe(20_000);
    expect(amountFor(TIERS, '1280')).toBe(30_000);
    // 0.29 yuan is 29 fen exactly (no float rounding on the way).
    expect(amountFor([{ minFareFen: 29, amountFen: 1 }], '0.29')).toBe(1);
  });

  it('reads the tiers as brackets, the date in China, and why a member may not apply', () => {
    expect(tierLines([...TIERS].reverse())).toEqual([
      { key: '5000', fare: '¥50 – ¥199.99', amount: '¥50' },
      { key: '20000', fare: '¥200 – ¥499.99', amount: '¥100' },
      { key: '50000', fare: '¥500 – ¥999.99', amount: '¥200' },
      { key: '100000', fare: '¥1000 及以上', amount: '¥300' },
    ]);
    expect(chinaDate(Date.parse('2026-01-31T16:30:00Z'))).toBe('2026-02-01');
    expect(eligibilityNote('SUBSIDY_ALREADY_PAID')).toBe('您已享受过本活动的补贴，每人每个活动只能享受一次');
    expect(eligibilityNote('SUBSIDY_QUOTA_EXHAUSTED')).toBe('您所在市县的补贴名额已经用完');
  });
});

describe('ticket images before they are sent', () => {
  it('announces JPEG or PNG from the browser’s type or the file’s extension, and refuses the rest', () => {
    expect(contentTypeOf({ path: 'blob:http://127.0.0.1/3f2a', size: 10, type: 'image/png' })).toBe('image/png');
    expect(contentTypeOf({ path: 'http://tmp/wx123.JPG', size: 10 })).toBe('image/jpeg');
    expect(contentTypeOf({ path: 'wxfile://tmp_abc.jpeg', size: 10 })).toBe('image/jpeg');
    expect(contentTypeOf({ path: 'http://tmp/a.gif', size: 10 })).toBeNull();
    expect(imageRefusal({ path: 'http://tmp/a.gif', size: 10 })).toBe('只能上传 JPG 或 PNG 格式的图片');
    expect(imageRefusal({ path: 'http://tmp/a.png', size: PROOF_MAX_BYTES + 1 })).toBe('图片不能超过5MB，请裁剪或压缩后重新选择');
    expect(imageRefusal({ path: 'http://tmp/a.png', size: PROOF_MAX_BYTES })).toBeNull();
  });
});

describe('<ProofUpload>', () => {
  let mounted: Mounted | undefined;
  let latest: ReturnType<typeof useProofs> | undefined;
  const choose = pictures.chooseImage;
  /** Each upload waits for the test to settle it. */
  let pending: Array<{ image: PickedImage; resolve: (key: string) => void; reject: (e: Error) => void }> = [];
  const upload = (image: PickedImage) => new Promise<string>((resolve, reject) => pending.push({ image, resolve, reject }));

  function Harness() {
    latest = useProofs({ upload });
    return <ProofUpload id='proofs' proofs={latest} />;
  }

  beforeEach(() => {
    pending = [];
    choose.mockReset();
  });
  afterEach(async () => {
    await mounted?.unmount();
    mounted = undefined;
  });

  const $ = (selector: string) => mounted!.container.querySelector<HTMLElement>(selector);
  const tap = async (selector: string) => {
    await act(async () => $(selector)!.click());
    await flush();
  };
  const picked = (...files: PickedImage[]) =>
    choose.mockResolvedValueOnce({ tempFilePaths: files.map((f) => f.path), tempFiles: files, errMsg: 'chooseImage:ok' } as never);

  it('uploads each picked image at once, refuses a GIF without sending it, and keeps the keys in order', async () => {
    mounted = await mount(<Harness />);
    expect($('#proofs-add')?.textContent).toContain('添加图片 0/3');

    picked({ path: 'http://tmp/ticket-1.jpg', size: 200_000 }, { path: 'http://tmp/anim.gif', size: 1_000 });
    await tap('#proofs-add');
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ count: 3, sizeType: ['compressed'] }));
    expect(pending.map((p) => p.image.path)).toEqual(['http://tmp/ticket-1.jpg']);
    expect($('#proofs-proof-1')?.dataset.state).toBe('uploading');
    expect($('#proofs-proof-2')?.dataset.state).toBe('failed');
    expect($('#proofs-proof-2-error')?.textContent).toBe('第2张：只能上传 JPG 或 PNG 格式的图片');
    expect(latest!.uploading).toBe(true);
    expect(latest!.keys).toEqual([]);

    await act(async () => pending[0]!.resolve('proofs/acc/01.jpg'));
    await flush();
    expect($('#proofs-proof-1')?.dataset.state).toBe('done');
    expect(latest!.keys).toEqual(['proofs/acc/01.jpg']);
    expect(latest!.failed).toBe(true);

    // The refused one is removed; one more, whose upload fails, then succeeds on retry.
    await tap('#proofs-proof-2-remove');
    expect(latest!.failed).toBe(false);
    picked({ path: 'http://tmp/ticket-2.png', size: 300_000 });
    await tap('#proofs-add');
    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ count: 2 }));
    await act(async () => pending[1]!.reject(new Error('图片上传失败，请检查网络后重试')));
    await flush();
    expect($('#proofs-proof-3-error')?.textContent).toBe('第2张：图片上传失败，请检查网络后重试');
    await tap('#proofs-proof-3 .proof-upload__image');
    expect(pending).toHaveLength(3);
    await act(async () => pending[2]!.resolve('proofs/acc/02.png'));
    await flush();
    expect(latest!.keys).toEqual(['proofs/acc/01.jpg', 'proofs/acc/02.png']);
    expect($('#proofs-proof-3-error')).toBeNull();
  });

  it('takes at most three, then offers no more', async () => {
    mounted = await mount(<Harness />);
    picked(...[1, 2, 3, 4].map((n) => ({ path: `http://tmp/t${n}.jpg`, size: 1_000 })));
    await tap('#proofs-add');
    expect(pending).toHaveLength(3);
    expect($('#proofs-pick-error')?.textContent).toBe('最多上传3张图片');
    expect($('#proofs-add')).toBeNull();
    await act(async () => pending.forEach((p, i) => p.resolve(`k${i}`)));
    await flush();
    expect(latest!.keys).toEqual(['k0', 'k1', 'k2']);
    // Tapping a thumbnail previews the uploaded ones.
    await tap('#proofs-proof-2 .proof-upload__image');
    expect(pictures.previewImage).toHaveBeenCalledWith({ urls: ['http://tmp/t1.jpg', 'http://tmp/t2.jpg', 'http://tmp/t3.jpg'], current: 'http://tmp/t2.jpg' });
  });
});
