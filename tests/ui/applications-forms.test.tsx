import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOIN_ID_CONSENT_VERSION, type OrgSearchResponse } from '../../functions/applications/contracts/applications';
import { formFieldErrors, refusalOf } from '../../src/components/application-form/field';
import {
  emptyJoinForm,
  impliedByIdNumber,
  validateJoin,
  validateTransfer,
  visibleErrors,
  type JoinValues,
} from '../../src/components/application-form/validation';
import { OrgPicker, type OrgChoice } from '../../src/components/org-picker';
import { searchOrgs } from '../../src/services/applications';
import { flush, mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('../../src/services/applications', () => ({ searchOrgs: vi.fn() }));

/** 邢志强 of the demo roster: a valid GB 11643 number, male (17th digit 7), born 1998-03-31. */
const ID = '460400199803313077';

function filledJoin(patch: Partial<JoinValues> = {}): JoinValues {
  return {
    ...emptyJoinForm(),
    name: '邢志强',
    sex: 'male',
    birthDate: '1998-03-31',
    ethnicity: '汉族',
    employmentStatus: 'platform',
    idNumber: ID,
    education: 'vocational',
    skillLevel: 'intermediate',
    phoneCode: 'dev-phone:13723972705',
    householdRegistration: '海南省儋州市那大镇',
    residence: '海口市美兰区',
    politicalStatus: 'masses',
    workUnit: '海口某同城配送站',
    targetOrgId: 'org-g-hk-bus',
    migrantWorker: true,
    idConsentVersion: JOIN_ID_CONSENT_VERSION,
    ...patch,
  };
}

describe('转会 form → request (the contract’s transferFormSchema)', () => {
  it('sends the union and the trimmed reason', () => {
    expect(validateTransfer({ toOrgId: 'org-g-sy-fishery', reason: '  已调入三亚崖州湾渔业合作社 ' }, 'org-g-dz-construction')).toEqual({
      ok: true,
      request: { toOrgId: 'org-g-sy-fishery', reason: '已调入三亚崖州湾渔业合作社' },
    });
  });

  it('names what is missing or too long, and refuses the member’s own union with the API’s words', () => {
    expect(validateTransfer({ toOrgId: '', reason: ' ' }, null)).toEqual({
      ok: false,
      errors: { toOrgId: '请选择要转入的基层工会', reason: '请填写转会原因' },
    });
    expect(validateTransfer({ toOrgId: 'org-a', reason: '因'.repeat(201) }, null)).toEqual({ ok: false, errors: { reason: '转会原因不能超过200个字' } });
    expect(validateTransfer({ toOrgId: 'org-a', reason: '换单位' }, 'org-a')).toEqual({
      ok: false,
      errors: { toOrgId: '您已是该工会的会员，请选择其他工会' },
    });
  });
});

describe('入会 form → request (the contract’s joinFormSchema)', () => {
  it('sends a complete form as the contract shapes it', () => {
    const checked = validateJoin(filledJoin());
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.request).toMatchObject({ name: '邢志强', idNumber: ID, migrantWorker: true, targetOrgId: 'org-g-hk-bus' });
    // The ID number's own consent goes with the form as the version of its text; without it the form is not sent.
    expect(checked.ok && checked.request.idConsentVersion).toBe(JOIN_ID_CONSENT_VERSION);
    const noConsent = validateJoin(filledJoin({ idConsentVersion: '' }));
    expect(!noConsent.ok && noConsent.errors).toEqual({ idConsentVersion: '请先阅读并同意身份证号的使用说明（如已同意，请更新小程序后重试）' });
  });

  it('names each choice not made, in the contract’s words', () => {
    const checked = validateJoin(emptyJoinForm());
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors).toMatchObject({
      name: '请填写姓名',
      sex: '请选择性别',
      employmentStatus: '请选择就业状况',
      education: '请选择学历',
      skillLevel: '请选择技能等级',
      politicalStatus: '请选择政治面貌',
      targetOrgId: '请选择要加入的工会',
      migrantWorker: '请选择是否为农民工',
    });
  });

  it('checks sex and birth date against the ID number as soon as those three are filled in', () => {
    const early = validateJoin({ ...emptyJoinForm(), idNumber: ID, sex: 'female', birthDate: '1998-03-30' });
    expect(!early.ok && early.errors).toMatchObject({ sex: '性别与身份证号不一致', birthDate: '出生日期与身份证号不一致', name: '请填写姓名' });
    const consistent = validateJoin({ ...emptyJoinForm(), idNumber: ID, sex: 'male', birthDate: '1998-03-31' });
    expect(!consistent.ok && consistent.errors.sex).toBeUndefined();
    expect(!consistent.ok && consistent.errors.birthDate).toBeUndefined();
    // A wrong ID number is reported as such, not as a mismatch of the other two.
    const wrongId = validateJoin(filledJoin({ idNumber: '460400199803313078' }));
    expect(!wrongId.ok && wrongId.errors).toEqual({ idNumber: '身份证号的出生日期或校验位不正确，请核对' });
  });

  it('refuses an ethnicity without 族, a missing phone verification and a malformed date', () => {
    const checked = validateJoin(filledJoin({ ethnicity: '汉', phoneCode: '', birthDate: '1998/03/31' }));
    expect(!checked.ok && checked.errors).toEqual({
      ethnicity: '请填写民族全称，如“汉族”',
      phoneCode: '请点击“获取手机号”完成手机号验证',
      birthDate: '请填写出生日期（如 1990-05-01）',
    });
  });

  it('reads birth date and sex from an ID number once it has the shape of one', () => {
    expect(impliedByIdNumber(ID)).toEqual({ birthDate: '1998-03-31', sex: 'male' });
    expect(impliedByIdNumber(' 11010519491231002x ')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(impliedByIdNumber('4604001998')).toBeNull();
  });
});

describe('messages on the form', () => {
  it('shows only the fields the member has been through', () => {
    expect(visibleErrors({ name: 'a', reason: 'b' }, { reason: true })).toEqual({ reason: 'b' });
  });

  it('places the API’s per-field messages, whatever path the body gave them', () => {
    expect(formFieldErrors({ 'form.reason': '太长', toOrgId: '不是基层工会', 'form.other': 'x', _: 'y' }, ['toOrgId', 'reason'] as const)).toEqual({
      reason: '太长',
      toOrgId: '不是基层工会',
    });
    expect(refusalOf({ message: '您已有一件同类申请正在办理', fields: undefined })).toEqual({ message: '您已有一件同类申请正在办理', fields: {} });
    expect(refusalOf('boom')).toEqual({ message: '提交失败，请稍后再试', fields: {} });
  });
});

describe('<OrgPicker>', () => {
  const sanya = { id: 'org-sanya', name: '三亚市总工会' };
  const hotel: OrgChoice = { id: 'org-g-sy-hotel', name: '三亚鹿岭度假酒店有限公司工会', workUnit: '三亚鹿岭度假酒店有限公司', parent: sanya };
  const own: OrgChoice = { id: 'org-g-sy-fishery', name: '三亚崖州湾渔业专业合作社工会', workUnit: null, parent: sanya };
  let mounted: Mounted | undefined;
  let selected: OrgChoice | null;
  const search = vi.mocked(searchOrgs);

  beforeEach(() => {
    selected = null;
    search.mockReset();
  });
  afterEach(async () => {
    await mounted?.unmount();
    mounted = undefined;
  });

  const render = () => (
    <OrgPicker id='picker' selected={selected} onSelect={(org) => (selected = org)} disabledId={own.id} disabledNote='您当前所在的工会' debounceMs={10} />
  );

  /** The native <input> inside Taro's <taro-input-core>, which renders it a moment after mounting. */
  async function nativeInput(): Promise<HTMLInputElement> {
    for (let i = 0; i < 50; i += 1) {
      const input = mounted!.container.querySelector<HTMLInputElement>('#picker-input input');
      if (input) return input;
      await flush();
    }
    throw new Error('no <input> rendered inside #picker-input');
  }

  async function type(value: string) {
    const input = await nativeInput();
    await act(async () => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 30));
    });
    await flush();
  }

  it('searches as the member types, lists each union with its federation, and cannot choose the member’s own', async () => {
    search.mockResolvedValue({ items: [hotel, own] } satisfies OrgSearchResponse);
    mounted = await mount(render());
    await type('三亚');
    expect(search).toHaveBeenCalledWith({ q: '三亚' });
    const options = [...mounted.container.querySelectorAll('.org-picker__option')].map((o) => o.textContent);
    expect(options).toEqual(['三亚鹿岭度假酒店有限公司工会三亚市总工会', '三亚崖州湾渔业专业合作社工会三亚市总工会 · 您当前所在的工会']);

    await act(async () => mounted!.container.querySelector<HTMLElement>(`#picker-option-${own.id}`)!.click());
    expect(selected).toBeNull();
    await act(async () => mounted!.container.querySelector<HTMLElement>(`#picker-option-${hotel.id}`)!.click());
    expect(selected).toEqual(hotel);
    await mounted.rerender(render());
    expect(mounted.container.querySelector('#picker-chosen')?.textContent).toBe(hotel.name);
  });

  it('says when nothing matches, refuses an over-long query before asking, and keeps only the latest answer', async () => {
    mounted = await mount(render());
    search.mockResolvedValueOnce({ items: [] });
    await type('椰子');
    expect(mounted.container.querySelector('#picker-none')?.textContent).toBe('没有找到名称含“椰子”的基层工会，换个关键词试试');

    await type('工'.repeat(31));
    expect(search).toHaveBeenCalledTimes(1);
    expect(mounted.container.querySelector('#picker-error')?.textContent).toBe('工会或单位名称不能超过30个字');

    // An answer to an older query that arrives last is dropped.
    let answerOld!: (r: OrgSearchResponse) => void;
    search.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    search.mockResolvedValueOnce({ items: [hotel] });
    await type('三');
    await type('三亚鹿岭');
    await act(async () => answerOld({ items: [own] }));
    await flush();
    expect([...mounted.container.querySelectorAll('.org-picker__option')].map((o) => o.id)).toEqual([`picker-option-${hotel.id}`]);
  });
});
