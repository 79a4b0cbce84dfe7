import { act, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminBenefit } from '../../functions/benefits/contracts/benefits';
import { BenefitForm } from '../../src/components/benefit-form';
import {
  benefitFormOf,
  emptyBenefitForm,
  formFieldOf,
  validateBenefitForm,
  type BenefitFormValues,
} from '../../src/components/benefit-form/validation';
import { flush, mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
// NutUI's package entry for Node is its UMD bundle, which draws on a canvas at load (none in jsdom):
// the form only needs its Button to be a button.
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, onClick }: { id?: string; children?: ReactNode; onClick?: () => void }) => (
    <button type='button' id={id} onClick={onClick}>
      {children}
    </button>
  ),
}));

const NOW = Date.parse('2026-04-20T09:17:00+08:00');

/** A complete form as an official would fill it. */
function filled(patch: Partial<BenefitFormValues> = {}): BenefitFormValues {
  return {
    ...emptyBenefitForm('org-hainan', NOW),
    title: ' 椰风影城一元观影券 ',
    description: '任意2D场次抵扣35元',
    category: 'cinema',
    merchantIds: ['mch-yefeng-cinema'],
    faceValueYuan: '35',
    stock: '12500',
    ...patch,
  };
}

describe('benefit form → API request', () => {
  it('starts a new benefit free, one per member, from the next full hour, in the official’s org', () => {
    expect(emptyBenefitForm('org-haikou', NOW)).toMatchObject({
      priceYuan: '0',
      perMemberLimit: '1',
      claimStartsAt: '2026-04-20 10:00',
      claimEndsAt: '2026-04-27 10:00',
      useEndsAt: '2026-05-20 10:00',
      orgId: 'org-haikou',
      quotas: [],
    });
  });

  it('converts yuan to fen, Beijing time to ISO-8601 and quota rows to regionQuotas', () => {
    const checked = validateBenefitForm(
      filled({
        faceValueYuan: '35.5',
        quotas: [
          { code: '01', quota: '3700' },
          { code: '02', quota: '1500' },
        ],
        shards: '8',
      }),
    );
    expect(checked).toEqual({
      ok: true,
      request: {
        title: '椰风影城一元观影券',
        description: '任意2D场次抵扣35元',
        category: 'cinema',
        merchantIds: ['mch-yefeng-cinema'],
        faceValueFen: 3550,
        priceFen: 0,
        stock: 12500,
        perMemberLimit: 1,
        claimStartsAt: '2026-04-20T10:00:00+08:00',
        claimEndsAt: '2026-04-27T10:00:00+08:00',
        useEndsAt: '2026-05-20T10:00:00+08:00',
        orgId: 'org-hainan',
        regionQuotas: { '01': 3700, '02': 1500 },
        otherRegions: 'open',
        shards: 8,
      },
    });
  });

  it('reports what cannot be converted next to its field', () => {
    const checked = validateBenefitForm(
      filled({ faceValueYuan: '12.345', stock: '十', claimEndsAt: '下周一', quotas: [{ code: '1', quota: '5' }] }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.faceValueYuan).toBe('面值应为金额（元），最多两位小数');
    expect(checked.errors.stock).toBe('库存应为整数');
    expect(checked.errors.claimEndsAt).toBe('请选择日期和时间（北京时间）');
    expect(checked.errors['quotas.0']).toBe('请选择地区');
  });

  it('applies the contract’s own rules and messages (required fields, windows, quotas, free only)', () => {
    const empty = validateBenefitForm(emptyBenefitForm('', NOW));
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.errors).toMatchObject({
        title: '请填写权益名称',
        description: '请填写权益说明',
        category: '请选择权益类别',
        merchantIds: '请选择至少一个商户',
        faceValueYuan: '请填写面值（元）',
        stock: '请填写库存',
        orgId: '请选择所属工会',
      });
    }
    const rules = validateBenefitForm(
      filled({
        claimEndsAt: '2026-04-20 09:00',
        priceYuan: '1',
        stock: '100',
        quotas: [
          { code: '01', quota: '80' },
          { code: '02', quota: '30' },
        ],
      }),
    );
    expect(rules.ok).toBe(false);
    if (!rules.ok) {
      expect(rules.errors.claimEndsAt).toBe('领取结束时间应晚于开始时间');
      expect(rules.errors.refundPolicy).toBe('收费权益请选择退款规则');
      expect(rules.errors.quotas).toBe('各地区名额之和不能超过库存');
    }
    const duplicate = validateBenefitForm(filled({ quotas: [{ code: '01', quota: '1' }, { code: '01', quota: '2' }] }));
    expect(duplicate.ok ? {} : duplicate.errors).toEqual({ 'quotas.1': '海口市重复了' });
    const closed = validateBenefitForm(filled({ stock: '100', quotas: [{ code: '01', quota: '60' }], otherRegions: 'closed' }));
    expect(closed.ok ? {} : closed.errors).toEqual({ otherRegions: '其他地区不可领取时，各地区名额之和应等于库存' });
  });

  it('sends a priced benefit with its refund rule, and no rule for a free one', () => {
    const priced = validateBenefitForm(filled({ priceYuan: '1', refundPolicy: 'none' }));
    expect(priced.ok && priced.request).toMatchObject({ priceFen: 100, refundPolicy: 'none' });
    const free = validateBenefitForm(filled({ priceYuan: '0', refundPolicy: 'same_day_review' }));
    expect(free.ok && 'refundPolicy' in free.request).toBe(false);
    expect(benefitFormOf({ merchants: [], figures: { stock: 1 }, regionQuotas: {}, org: { id: 'org-haikou', name: '海口市总工会' }, priceFen: 19_900, refundPolicy: 'same_day_review' } as unknown as AdminBenefit)).toMatchObject({
      priceYuan: '199',
      refundPolicy: 'same_day_review',
    });
  });

  it('maps the API’s field names back to the form’s', () => {
    expect(formFieldOf('faceValueFen')).toBe('faceValueYuan');
    expect(formFieldOf(['regionQuotas', '01'])).toBe('quotas');
    expect(formFieldOf('unknown')).toBeUndefined();
  });

  it('puts a draft back into the form as it was typed', () => {
    const draft = {
      title: '购书券',
      description: '说明',
      category: 'coupon',
      merchants: [{ id: 'mch-yecheng-books', name: '椰城书店' }],
      faceValueFen: 2050,
      priceFen: 0,
      perMemberLimit: 2,
      claimStartsAt: '2026-04-23T02:00:00Z',
      claimEndsAt: '2026-04-30T14:00:00Z',
      useEndsAt: '2026-05-31T14:00:00Z',
      org: { id: 'org-haikou', name: '海口市总工会' },
      regionQuotas: { '02': 10, '01': 20 },
      otherRegions: 'closed',
      shards: 2,
      figures: { stock: 30, claimed: 0, redeemed: 0, remaining: 30, byRegion: {}, otherRegions: null },
    } as unknown as AdminBenefit;
    const values = benefitFormOf(draft);
    expect(values).toMatchObject({
      faceValueYuan: '20.50',
      claimStartsAt: '2026-04-23 10:00',
      claimEndsAt: '2026-04-30 22:00',
      stock: '30',
      quotas: [
        { code: '01', quota: '20' },
        { code: '02', quota: '10' },
      ],
      otherRegions: 'closed',
    });
    const again = validateBenefitForm(values);
    expect(again.ok && again.request).toMatchObject({ faceValueFen: 2050, regionQuotas: { '01': 20, '02': 10 }, stock: 30 });
  });
});

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function nativeField<T extends HTMLElement>(selector: string): Promise<T> {
  for (let i = 0; i < 50; i += 1) {
    const field = mounted!.container.querySelector<T>(selector);
    if (field) return field;
    await flush();
  }
  throw new Error(`nothing rendered for ${selector}`);
}

async function type(id: string, value: string, tag: 'input' | 'textarea' = 'input') {
  const field = await nativeField<HTMLInputElement>(`#${id} ${tag}`);
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}

async function click(selector: string) {
  const target = await nativeField<HTMLElement>(selector);
  await act(async () => {
    target.click();
  });
  await flush();
  await flush();
}

const errorOf = (field: string) => mounted!.container.querySelector(`.field-error[data-field="${field}"]`)?.textContent ?? null;

describe('<BenefitForm>', () => {
  const props = {
    initial: emptyBenefitForm('org-hainan', NOW),
    orgChoices: [{ id: 'org-hainan', name: '海南省总工会' }],
    allowOrgInput: false,
    merchantChoices: [{ id: 'mch-yefeng-cinema', name: '椰风影城（海口国贸店）' }],
    submitLabel: '保存草稿',
  };

  it('marks what is missing and sends nothing', async () => {
    const onSubmit = vi.fn();
    mounted = await mount(<BenefitForm {...props} onSubmit={onSubmit} />);
    await click('#benefit-form-submit');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf('title')).toBe('请填写权益名称');
    expect(errorOf('merchantIds')).toBe('请选择至少一个商户');
    expect(mounted.container.querySelector('#benefit-form-error')?.textContent).toBe('请按提示修改标红的内容');
  });

  it('sends the request in fen with the chosen category, merchant and org', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BenefitForm {...props} onSubmit={onSubmit} />);
    await type('benefit-form-title', '椰风影城一元观影券');
    await type('benefit-form-description', '任意2D场次', 'textarea');
    await click('#benefit-form-category-cinema');
    await click('#benefit-form-merchants .benefit-chip');
    await type('benefit-form-face-value', '35');
    await type('benefit-form-stock', '200');
    await click('#benefit-form-submit');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      category: 'cinema',
      merchantIds: ['mch-yefeng-cinema'],
      faceValueFen: 3500,
      priceFen: 0,
      stock: 200,
      orgId: 'org-hainan',
      claimStartsAt: '2026-04-20T10:00:00+08:00',
    });
  });

  it('asks a priced benefit for its refund rule and shows the words the member will read before paying', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BenefitForm {...props} onSubmit={onSubmit} />);
    expect(mounted.container.querySelector('#benefit-form-refund')).toBeNull();
    await type('benefit-form-title', '椰风影城一元观影券');
    await type('benefit-form-description', '任意2D场次', 'textarea');
    await click('#benefit-form-category-cinema');
    await click('#benefit-form-merchants .benefit-chip');
    await type('benefit-form-face-value', '35');
    await type('benefit-form-price', '1');
    await type('benefit-form-stock', '200');
    await click('#benefit-form-submit');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf('refundPolicy')).toBe('收费权益请选择退款规则');
    await click('#benefit-form-refund-none');
    expect(mounted.container.querySelector('#benefit-form-refund-hint')?.textContent).toBe('会员支付前看到：本权益支付后不予退款');
    await click('#benefit-form-submit');
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ priceFen: 100, refundPolicy: 'none' });
  });

  it('offers only the merchants signed by the chosen org or an org above it, reloaded as the org changes', async () => {
    const signed: Record<string, Array<{ id: string; name: string }>> = {
      'org-hainan': [{ id: 'mch-yefeng-cinema', name: '椰风影城（海口国贸店）' }],
      'org-sanya': [
        { id: 'mch-yefeng-cinema', name: '椰风影城（海口国贸店）' },
        { id: 'mch-huimin-market', name: '琼州惠民超市（三亚迎宾店）' },
      ],
    };
    const merchantsFor = vi.fn(async (orgId: string) => signed[orgId] ?? []);
    const chips = () => [...mounted!.container.querySelectorAll('#benefit-form-merchants .benefit-chip')].map((c) => c.textContent);
    mounted = await mount(
      <BenefitForm
        {...props}
        orgChoices={[
          { id: 'org-hainan', name: '海南省总工会' },
          { id: 'org-sanya', name: '三亚市总工会' },
        ]}
        merchantChoices={[{ id: 'mch-huimin-market', name: '琼州惠民超市（三亚迎宾店）' }]}
        merchantsFor={merchantsFor}
        onSubmit={vi.fn()}
      />,
    );
    await flush();
    expect(merchantsFor).toHaveBeenLastCalledWith('org-hainan');
    // The province's benefit may not name the supermarket only 三亚 signed.
    expect(chips()).toEqual(['椰风影城（海口国贸店）']);
    expect(mounted.container.querySelector('#benefit-form-merchants-hint')?.textContent).toBe('只列出与本级或上级工会签约的商户');
    await click('#benefit-form-org-org-sanya');
    expect(merchantsFor).toHaveBeenLastCalledWith('org-sanya');
    expect(chips()).toEqual(['椰风影城（海口国贸店）', '琼州惠民超市（三亚迎宾店）']);
  });

  it('finds merchants in the signed directory by name — no ids typed — and keeps the chosen ones shown', async () => {
    const directory = [
      { id: 'mch-yefeng-cinema', name: '椰风影城（海口国贸店）' },
      { id: 'mch-yecheng-books', name: '椰城书店（解放西店）' },
      { id: 'mch-huimin-market', name: '琼州惠民超市（三亚迎宾店）' },
    ];
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BenefitForm {...props} merchantChoices={directory} initial={filled({ merchantIds: [] })} onSubmit={onSubmit} />);
    const chips = () => [...mounted!.container.querySelectorAll('#benefit-form-merchants .benefit-chip')].map((c) => c.textContent);
    expect(mounted.container.textContent).not.toContain('商户编号');
    expect(chips()).toHaveLength(3);
    await type('benefit-form-merchant-search', '书店');
    expect(chips()).toEqual(['椰城书店（解放西店）']);
    await click('#benefit-form-merchant-mch-yecheng-books');
    await type('benefit-form-merchant-search', '影城');
    // The chosen one stays, first; the search shows the others that match.
    expect(chips()).toEqual(['椰城书店（解放西店）', '椰风影城（海口国贸店）']);
    await type('benefit-form-merchant-search', '电影院');
    expect(mounted.container.querySelector('#benefit-form-merchants-none')?.textContent).toBe('没有名称含“电影院”的签约商户');
    await click('#benefit-form-submit');
    expect(onSubmit.mock.calls[0]![0].merchantIds).toEqual(['mch-yecheng-books']);
  });

  it('chooses times with the date and time pickers (or 现在), regions by name, and sizes shards itself unless 高级 says otherwise', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BenefitForm {...props} initial={filled({ stock: '12500' })} onSubmit={onSubmit} />);
    const pick = async (selector: string, value: string | number) => {
      const picker = await nativeField<HTMLElement>(selector);
      await act(async () => {
        picker.dispatchEvent(new CustomEvent('change', { detail: { value } }));
      });
      await flush();
    };
    // No text box for a time: a date picker and a time picker.
    expect(mounted.container.querySelector('#benefit-form-claim-ends input:not([type="hidden"])')).toBeNull();
    await pick('#benefit-form-claim-ends-date', '2026-05-09');
    await pick('#benefit-form-claim-ends-time', '21:30');
    expect(mounted.container.querySelector('#benefit-form-claim-ends')!.textContent).toContain('2026-05-0921:30');
    vi.useFakeTimers({ now: Date.parse('2026-04-20T09:42:31+08:00'), toFake: ['Date'] });
    await click('#benefit-form-claim-starts-now');
    vi.useRealTimers();
    expect(mounted.container.querySelector('#benefit-form-claim-starts')!.textContent).toContain('2026-04-2009:42');

    await click('#benefit-form-quota-add');
    await pick('#benefit-form-quota-region-0', 1);
    expect(mounted.container.querySelector('#benefit-form-quota-region-0')!.textContent).toBe('三亚市');
    await type('benefit-form-quota-0', '1500');

    // Shards: folded under 高级, with what the stock gives by itself.
    expect(mounted.container.querySelector('#benefit-form-shards')).toBeNull();
    await click('#benefit-form-advanced');
    expect(mounted.container.querySelector('#benefit-form-shards-auto')!.textContent).toContain('自动分为 5 片');
    await click('#benefit-form-submit');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const request = onSubmit.mock.calls[0]![0];
    expect(request).toMatchObject({ claimStartsAt: '2026-04-20T09:42:00+08:00', claimEndsAt: '2026-05-09T21:30:00+08:00', regionQuotas: { '02': 1500 } });
    expect(request.shards).toBeUndefined();
  });

  it("shows the API's refusal with its per-field messages next to the fields", async () => {
    const refusal = Object.assign(new Error('您只能为本工会及下级工会创建权益'), { fields: { stock: '库存过大' } });
    const onSubmit = vi.fn().mockRejectedValue(refusal);
    mounted = await mount(<BenefitForm {...props} initial={{ ...filled(), orgId: 'org-hainan' }} onSubmit={onSubmit} />);
    await click('#benefit-form-submit');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(mounted.container.querySelector('#benefit-form-error')?.textContent).toBe('您只能为本工会及下级工会创建权益');
    expect(errorOf('stock')).toBe('库存过大');
  });
});
