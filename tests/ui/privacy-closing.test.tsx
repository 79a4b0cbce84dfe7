import { act, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEPT_AFTER_CLOSING } from '../../functions/privacy/contracts/data-subject';
import { AccountClosingForm, DELETED_ON_CLOSING } from '../../src/privacy/closing/closing-form';
import { ApiError } from '../../src/services/request';
import { fileNameOf, summarize } from '../../src/services/privacy-rights';
import { flush, mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
// NutUI's package entry for Node is its UMD bundle, which draws on a canvas at load (none in jsdom):
// the form only needs its Button to be a button that can be disabled (NutUI ignores taps then).
vi.mock('@nutui/nutui-react-taro', () => ({
  Button: ({ id, children, disabled, onClick }: { id?: string; children?: ReactNode; disabled?: boolean; onClick?: () => void }) => (
    <button type='button' id={id} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  ),
}));
const modal = vi.hoisted(() => ({ showModal: vi.fn() }));
// @tarojs/taro is CommonJS: its default object, with the confirmation modal replaced.
vi.mock('@tarojs/taro', async () => {
  const actual = (await vi.importActual<{ default: Record<string, unknown> }>('@tarojs/taro')).default;
  const taro = { ...actual, ...modal };
  return { ...taro, default: taro };
});

let mounted: Mounted | undefined;
beforeEach(() => {
  modal.showModal.mockReset();
  modal.showModal.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
});
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

const $ = (selector: string) => mounted!.container.querySelector<HTMLElement>(selector);

async function type(value: string): Promise<void> {
  let input: HTMLInputElement | null = null;
  for (let i = 0; i < 50 && !input; i += 1) {
    input = mounted!.container.querySelector<HTMLInputElement>('#closing-confirm input');
    if (!input) await flush();
  }
  if (!input) throw new Error('no <input> inside #closing-confirm');
  await act(async () => {
    input!.value = value;
    input!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
}

async function clickSubmit(): Promise<void> {
  await act(async () => {
    $('#closing-submit')!.click();
  });
  await flush();
  await flush();
}

const submitDisabled = () => ($('#closing-submit') as HTMLButtonElement).disabled;

describe('<AccountClosingForm> (注销账号)', () => {
  it('says what is deleted and every record the union keeps', async () => {
    mounted = await mount(<AccountClosingForm close={vi.fn()} />);
    for (const line of DELETED_ON_CLOSING) expect($('#closing-deleted')!.textContent).toContain(line);
    for (const line of KEPT_AFTER_CLOSING) expect($('#closing-kept')!.textContent).toContain(line);
  });

  it('keeps the button disabled until 注销 is typed, and closes nothing before that', async () => {
    const close = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<AccountClosingForm close={close} />);
    expect(submitDisabled()).toBe(true);
    await clickSubmit();
    await type('注');
    expect(submitDisabled()).toBe(true);
    await type('注册');
    expect(submitDisabled()).toBe(true);
    await clickSubmit();
    expect(modal.showModal).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();

    await type(' 注销 ');
    expect(submitDisabled()).toBe(false);
    await clickSubmit();
    expect(modal.showModal).toHaveBeenCalledTimes(1);
    expect(modal.showModal.mock.calls[0]![0]).toMatchObject({ title: '确认注销账号', confirmText: '确认注销' });
    expect(close).toHaveBeenCalledTimes(1);
    expect($('#closing-error')).toBeNull();
  });

  it('closes nothing when the member cancels in the modal', async () => {
    modal.showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    const close = vi.fn().mockResolvedValue(undefined);
    mounted = await mount(<AccountClosingForm close={close} />);
    await type('注销');
    await clickSubmit();
    expect(modal.showModal).toHaveBeenCalledTimes(1);
    expect(close).not.toHaveBeenCalled();
  });

  it('shows the API’s refusal, and clears it when the member types again', async () => {
    const close = vi.fn().mockRejectedValue(new ApiError('BUSY', '系统繁忙，请稍后重试', 503));
    mounted = await mount(<AccountClosingForm close={close} />);
    await type('注销');
    await clickSubmit();
    expect($('#closing-error')?.textContent).toBe('系统繁忙，请稍后重试');
    expect(submitDisabled()).toBe(false);

    await type('注销 ');
    expect($('#closing-error')).toBeNull();
    close.mockRejectedValueOnce(new Error(''));
    await clickSubmit();
    expect($('#closing-error')?.textContent).toBe('注销失败，请稍后再试');
  });
});

describe('the export file', () => {
  it('takes its name from Content-Disposition, ASCII only, whatever the header’s case', () => {
    expect(fileNameOf({ 'content-disposition': 'attachment; filename="hainan-union-my-data-2026-12-03.json"' })).toBe(
      'hainan-union-my-data-2026-12-03.json',
    );
    expect(fileNameOf({ 'Content-Disposition': 'attachment; filename=my.json' })).toBe('my.json');
    expect(fileNameOf({ 'content-disposition': 'attachment; filename="../../etc/passwd"' })).toBeNull();
    expect(fileNameOf({})).toBeNull();
  });

  it('is summarised for a member and for an unbound account', () => {
    const lines = summarize({
      exportedAt: '2026-12-03T10:15:00.000+08:00',
      account: { createdAt: '2024-03-01T16:00:00.000+08:00' },
      member: { name: '王海生', union: { name: '海口市美兰区新埠岛社区工会' }, idNumberMasked: '46**************17', phoneMasked: '138****5678', card: { number: '4601011000123456' }, cardChecks: [{}, {}] },
      coupons: [{}],
      applications: [],
    });
    expect(Object.fromEntries(lines.map((l) => [l.label, l.value]))).toEqual({
      导出时间: '2026-12-03 10:15',
      账号创建: '2024-03-01 16:00',
      会员信息: '王海生 · 海口市美兰区新埠岛社区工会',
      身份证号: '46**************17',
      手机号: '138****5678',
      会员卡号: '4601011000123456',
      会员卡核验记录: '2 条',
      普惠券: '1 张',
      办事申请: '0 件',
    });
    expect(summarize({ account: {}, member: null, coupons: [], applications: [{}] }).map((l) => `${l.label}:${l.value}`)).toEqual([
      '导出时间:',
      '账号创建:',
      '会员信息:未绑定会员',
      '普惠券:0 张',
      '办事申请:1 件',
    ]);
  });
});
