import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationView } from '../../functions/applications/contracts/applications';
import { receiptNumber } from '../../functions/applications/contracts/receipt';
import { isShortCode } from '../../functions/kernel/contracts/short-code';
import { ApplicationResult } from '../../src/components/application/detail';
import { FullScreenCode } from '../../src/components/full-screen-code';
import { groupShortCode, qrLabel } from '../../src/components/full-screen-code/format';
import { MerchantContacts, mapUrl } from '../../src/components/merchant-contacts';
import { mount, type Mounted } from './render';

vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));
vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'));
// The page hooks the full-screen view uses (it is drawn outside a Taro page here).
vi.mock('@tarojs/taro', async () => {
  const taro = ((await vi.importActual('@tarojs/taro')) as { default: Record<string, unknown> }).default;
  return { ...taro, default: taro, useDidHide: () => undefined, useDidShow: () => undefined };
});

let mounted: Mounted | null = null;
afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
});

describe('the counter moment', () => {
  it('groups the short code as a clerk reads it, and says the QR in words', () => {
    expect(groupShortCode('6123456789')).toBe('612 345 6789');
    expect(isShortCode('6123456789')).toBe(true);
    expect(isShortCode('612345678')).toBe(false);
    expect(isShortCode('eyJhbGciOi')).toBe(false);
    expect(qrLabel('券码', '61')).toBe('券码二维码，数字码 6 1');
  });

  it('shows the code full screen: the QR of the short code, its digits, a close button, and tapping the message retries', async () => {
    const onClose = vi.fn();
    const onRetry = vi.fn();
    mounted = await mount(
      <FullScreenCode kind='券码' title='一元观影' qr='6123456789' code='6123456789' message='券码刷新失败，点击重试' onRetry={onRetry} onClose={onClose} />,
    );
    const root = mounted.container.querySelector('#full-screen-code')!;
    expect(root.getAttribute('data-code')).toBe('6123456789');
    expect(root.querySelector('#full-screen-code-digits')!.textContent).toBe('612 345 6789');
    expect(root.querySelector('#full-screen-code-qr')!.getAttribute('data-modules')).toBe('21');
    expect(root.querySelector('[aria-label^="券码二维码"]')).not.toBeNull();
    (root.querySelector('#full-screen-code-message') as HTMLElement).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    (root.querySelector('#full-screen-code-close') as HTMLElement).click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('names each merchant with its address, phone and a map link; one without a contact by name only', async () => {
    const contact = { address: '海口市龙华区国贸大道 56 号', phone: '0898-68501234', latitude: 20.0236, longitude: 110.3196 };
    mounted = await mount(<MerchantContacts id='m' merchants={[{ id: 'a', name: '椰风影城', contact }, { id: 'b', name: '无地址商户' }]} />);
    expect(mounted.container.querySelector('#m-a')!.textContent).toBe('椰风影城海口市龙华区国贸大道 56 号电话 0898-68501234查看地图');
    expect(mounted.container.querySelector('#m-b')!.textContent).toBe('无地址商户');
    expect(mounted.container.querySelector('#m-map-a')!.getAttribute('data-url')).toBe(mapUrl('椰风影城', contact));
    expect(mapUrl('椰风影城', contact)).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=110\.3196,20\.0236&name=%E6/);
  });
});

describe('where is my case', () => {
  it('gives every application a stable 受理编号 from its id: the Beijing filing date and six characters', () => {
    // 01JNKD2Q3R… was made at 2025-03-04T… UTC; the date is Beijing's.
    const id = '01JNKD2Q3R4S5T6V7W8X9Y0Z1A';
    expect(receiptNumber(id)).toMatch(/^\d{8}-9Y0Z1A$/);
    expect(receiptNumber(id)).toBe(receiptNumber(id.toLowerCase()));
    // 2024-12-31T16:30:00Z is already 1 January in Beijing.
    const ms = Date.parse('2024-12-31T16:30:00Z');
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let time = '';
    for (let n = ms, i = 0; i < 10; i += 1, n = Math.floor(n / 32)) time = crockford[n % 32] + time;
    expect(receiptNumber(`${time}ABCDEFGHJKMNPQRS`)).toBe('20250101-MNPQRS');
    expect(receiptNumber('app-demo-1')).toBe('APP-DEMO-1');
  });

  const base = {
    id: '01JNKD2Q3R4S5T6V7W8X9Y0Z1A',
    kind: 'join',
    status: 'rejected',
    steps: [
      { status: 'forwarded', comment: '请向所在单位工会申请' },
      { status: 'rejected', comment: '所填单位与名册不符' },
    ],
  } as unknown as ApplicationView;

  it('says the result and the reason first', async () => {
    mounted = await mount(<ApplicationResult application={base} />);
    expect(mounted.container.querySelector('#application-result')!.textContent).toBe('结果：未通过。理由：所填单位与名册不符');
    await mounted.rerender(<ApplicationResult application={{ ...base, status: 'pending' } as ApplicationView} />);
    expect(mounted.container.querySelector('#application-result')).toBeNull();
    await mounted.rerender(<ApplicationResult application={{ ...base, status: 'cancelled' } as ApplicationView} />);
    expect(mounted.container.querySelector('#application-result')!.textContent).toBe('结果：申请人已撤回');
  });

  it('tells a transfer when the card number changes', async () => {
    mounted = await mount(<ApplicationResult application={{ ...base, kind: 'transfer', status: 'pending' } as ApplicationView} />);
    expect(mounted.container.querySelector('#application-card-note')!.textContent).toContain('会员卡号将按新工会重新编号');
    expect(mounted.container.querySelector('#application-card-note')!.textContent).toContain('同一市县内转会卡号不变');
    await mounted.rerender(<ApplicationResult application={base} />);
    expect(mounted.container.querySelector('#application-card-note')).toBeNull();
  });
});
