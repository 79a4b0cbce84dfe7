import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BindingForm } from '../../src/components/binding-form';
import { flush, mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));

// A valid GB 11643 number (check character computed per MOD 11-2) and a phone in the right shape.
const VALID_ID = '11010519491231002X';
const VALID_PHONE = '13800138000';

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

/** The native <input> inside Taro's <taro-input-core id=…>. */
async function nativeInput(id: string): Promise<HTMLInputElement> {
  for (let i = 0; i < 50; i += 1) {
    const input = mounted!.container.querySelector<HTMLInputElement>(`#${id} input`);
    if (input) return input;
    await flush();
  }
  throw new Error(`no <input> rendered inside #${id}`);
}

async function type(id: string, value: string): Promise<void> {
  const input = await nativeInput(id);
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}

async function blur(id: string): Promise<void> {
  const input = await nativeInput(id);
  await act(async () => {
    input.dispatchEvent(new FocusEvent('blur'));
  });
  await flush();
}

function fieldError(field: string): string | null {
  return mounted!.container.querySelector(`.field-error[data-field="${field}"]`)?.textContent ?? null;
}

async function tickConsent(): Promise<void> {
  await act(async () => {
    mounted!.container.querySelector<HTMLElement>('#binding-consent')!.click();
  });
  await flush();
}

async function clickSubmit(): Promise<void> {
  await act(async () => {
    mounted!.container.querySelector<HTMLElement>('#binding-submit')!.click();
  });
  await flush();
  await flush();
}

describe('<BindingForm> inline validation', () => {
  it('says nothing while the member types a first value, then checks it on blur', async () => {
    mounted = await mount(<BindingForm onSubmit={vi.fn()} />);
    await type('binding-id-number', '1101');
    expect(fieldError('idNumber')).toBeNull();
    await blur('binding-id-number');
    expect(fieldError('idNumber')).toBe('身份证号应为18位，最后一位可以是数字或X');
  });

  it('re-checks a touched field on every keystroke and clears the message once valid', async () => {
    mounted = await mount(<BindingForm onSubmit={vi.fn()} />);
    await type('binding-id-number', '110105194912310021');
    await blur('binding-id-number');
    expect(fieldError('idNumber')).toBe('身份证号的出生日期或校验位不正确，请核对');
    await type('binding-id-number', VALID_ID.toLowerCase());
    expect(fieldError('idNumber')).toBeNull();
  });

  it('uses the shared schema messages for names', async () => {
    mounted = await mount(<BindingForm onSubmit={vi.fn()} />);
    await type('binding-name', '张三3');
    await blur('binding-name');
    expect(fieldError('name')).toBe('姓名只能包含汉字、字母和间隔号');
    await type('binding-name', '   ');
    expect(fieldError('name')).toBe('请填写姓名');
  });

  it('does not submit an incomplete form and marks every missing field', async () => {
    const onSubmit = vi.fn();
    mounted = await mount(<BindingForm onSubmit={onSubmit} />);
    await clickSubmit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(fieldError('name')).toBe('请填写姓名');
    expect(fieldError('idNumber')).toBe('请填写身份证号');
    expect(fieldError('consent')).toBe('请阅读并勾选同意《会员信息授权说明》');
  });

  it('does not send the ID number before the member consents, and sends once they do', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BindingForm onSubmit={onSubmit} />);
    await type('binding-name', '王海涛');
    await type('binding-id-number', VALID_ID);
    await type('binding-phone', VALID_PHONE);
    await clickSubmit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(fieldError('consent')).toBe('请阅读并勾选同意《会员信息授权说明》');
    await tickConsent();
    expect(fieldError('consent')).toBeNull();
    expect(mounted.container.querySelector('#binding-consent')?.getAttribute('aria-checked')).toBe('true');
    await clickSubmit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('submits the normalised request (trimmed, upper-case X)', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BindingForm onSubmit={onSubmit} />);
    await type('binding-name', ' 王海涛 ');
    await type('binding-id-number', VALID_ID.toLowerCase());
    await type('binding-phone', VALID_PHONE);
    await tickConsent();
    await clickSubmit();
    expect(onSubmit).toHaveBeenCalledWith({
      name: '王海涛',
      idNumber: VALID_ID,
      phoneCode: `dev-phone:${VALID_PHONE}`,
      consent: true,
    });
    expect(mounted.container.querySelector('#form-error')).toBeNull();
  });

  it("shows the server's refusal as is, with its per-field messages", async () => {
    const refusal = Object.assign(new Error('姓名与会员登记信息不一致，请核对后重试'), {
      code: 'IDENTITY_NOT_MATCHED',
      fields: { name: '请填写与身份证一致的姓名' },
    });
    const onSubmit = vi.fn().mockRejectedValue(refusal);
    mounted = await mount(<BindingForm onSubmit={onSubmit} />);
    await type('binding-name', '李四');
    await type('binding-id-number', VALID_ID);
    await type('binding-phone', VALID_PHONE);
    await tickConsent();
    await clickSubmit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(mounted.container.querySelector('#form-error')?.textContent).toBe('姓名与会员登记信息不一致，请核对后重试');
    expect(fieldError('name')).toBe('请填写与身份证一致的姓名');
    // Editing the form clears the stale refusal.
    await type('binding-name', '王海涛');
    expect(mounted.container.querySelector('#form-error')).toBeNull();
  });

  it('asks for an 11-digit demo phone in the H5 demo build before sending anything', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BindingForm onSubmit={onSubmit} phoneVerification='dev' />);
    await type('binding-name', '王海涛');
    await type('binding-id-number', VALID_ID);
    await tickConsent();
    await type('binding-phone', '1380013800');
    await clickSubmit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(fieldError('devPhone')).toBe('演示手机号应为11位大陆手机号');
  });
});

describe('<BindingForm> with WeChat phone verification', () => {
  const submitButton = () => mounted!.container.querySelector<HTMLElement>('#binding-submit')!;

  async function fillValid() {
    await type('binding-name', '王海涛');
    await type('binding-id-number', VALID_ID);
    await tickConsent();
  }

  async function answerPhone(detail: Record<string, string>) {
    await act(async () => {
      submitButton().dispatchEvent(new CustomEvent('getphonenumber', { detail, bubbles: true }));
    });
    await flush();
    await flush();
  }

  it('offers the 手机号快速验证 button only once name, ID number and consent are valid', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BindingForm onSubmit={onSubmit} phoneVerification='wechat' />);
    expect(mounted.container.querySelector('#binding-phone')).toBeNull();
    expect(submitButton().getAttribute('open-type') ?? '').not.toBe('getPhoneNumber');
    await clickSubmit(); // shows what is missing instead of opening WeChat's dialog
    expect(fieldError('name')).toBe('请填写姓名');
    expect(onSubmit).not.toHaveBeenCalled();
    await fillValid();
    expect(submitButton().getAttribute('open-type')).toBe('getPhoneNumber');
  });

  it('sends the code WeChat gives, and explains when the member declines', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<BindingForm onSubmit={onSubmit} phoneVerification='wechat' />);
    await fillValid();
    await answerPhone({ errMsg: 'getPhoneNumber:fail user deny' });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(mounted.container.querySelector('#form-error')?.textContent).toContain('需要验证您在工会登记的手机号');
    await answerPhone({ errMsg: 'getPhoneNumber:ok', code: 'e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144' });
    expect(onSubmit).toHaveBeenCalledWith({
      name: '王海涛',
      idNumber: VALID_ID,
      phoneCode: 'e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144',
      consent: true,
    });
  });
});
