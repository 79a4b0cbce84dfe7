import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { redemptionRequest, type Redemption } from '../../../functions/benefits/contracts/benefits';
import { SHORT_CODE_KINDS, SHORT_CODE_LENGTH } from '../../../functions/kernel/contracts/short-code';
import type { VerifyCardResponse } from '../../../functions/membership/contracts/cards';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import { getMe, verifyCard } from '../../services/api';
import { redeemCoupon } from '../../services/benefits';
import { groupCardNumber } from '../../utils/format';
import { InfoRow } from '../info-row';
import { TodayRedemptions } from './today';
import { Page } from '../../components/page';
import '../staff.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

type Result =
  | { kind: 'redeemed'; redemption: Redemption }
  | { kind: 'card'; card: VerifyCardResponse }
  | { kind: 'refused'; message: string; title?: string };

/** A card's short code (kind digit 8), not a coupon's: it is checked, nothing is redeemed. */
const isCardCode = (text: string) => text.length === SHORT_CODE_LENGTH && text.startsWith(SHORT_CODE_KINDS.card) && /^\d+$/.test(text);

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '核销失败，请稍后再试';
}

/**
 * 核销 for merchant clerks: scan the member's coupon QR (WeChat), type the 10-digit code shown
 * beneath it (both builds) or paste a QR's content (H5), and see what was redeemed — or why not,
 * in the API's words. A member's card code (出示会员码: its QR or the digits, starting with 8) is
 * checked instead (POST /api/cards/verify): the member's masked name, union and card number.
 */
export default function RedeemPage() {
  const [merchants, setMerchants] = useState<string[]>([]);
  const [token, setToken] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [history, setHistory] = useState<Redemption[]>([]);

  useLoad(() => {
    getMe()
      .then((me) => setMerchants(me.roles.flatMap((role) => (role.type === 'clerk' ? [role.merchantName] : []))))
      .catch(() => undefined);
  });

  const checkCard = async (digits: string) => {
    setBusy(true);
    setResult(null);
    try {
      setResult({ kind: 'card', card: await verifyCard({ payload: digits }) });
      setToken('');
      setCode('');
    } catch (error) {
      setResult({ kind: 'refused', title: '会员码未通过核验', message: error instanceof Error && error.message ? error.message : '核验失败，请稍后再试' });
    } finally {
      setBusy(false);
    }
  };

  const redeem = async (raw: string) => {
    if (busy) return;
    const compact = raw.replace(/\s+/g, '');
    if (isCardCode(compact)) return void checkCard(compact);
    const checked = redemptionRequest.safeParse({ token: raw.trim() });
    if (!checked.success) {
      setResult({ kind: 'refused', message: checked.error.issues[0]?.message ?? '券码内容不正确' });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const { redemption } = await redeemCoupon(checked.data);
      setResult({ kind: 'redeemed', redemption });
      setHistory((prev) => [redemption, ...prev].slice(0, 20));
      setToken('');
      setCode('');
      void Taro.showToast({ title: '核销成功', icon: 'success' });
    } catch (error) {
      setResult({ kind: 'refused', message: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const typeCode = () => {
    const digits = code.replace(/\s+/g, '');
    if (digits.length !== SHORT_CODE_LENGTH) {
      setResult({ kind: 'refused', message: `请输入会员券码下方的 ${SHORT_CODE_LENGTH} 位数字` });
      return;
    }
    void redeem(digits);
  };

  const scan = async () => {
    let scanned: string;
    try {
      ({ result: scanned } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
    } catch {
      return; // The clerk closed the scanner.
    }
    if (scanned) void redeem(scanned);
  };

  return (
    <Page id='redeem-page'>
      <View className='panel redeem-panel'>
        <View className='panel__title'>券码核销</View>
        {merchants.length > 0 ? (
          <View id='redeem-merchant' className='muted'>
            核销商户：{merchants.join('、')}
          </View>
        ) : null}
        {IS_WEAPP ? (
          <View className='redeem-actions'>
            <Text className='muted'>请会员打开“我的券”出示券码，扫码即完成核销。</Text>
            <Button id='redeem-scan' type='primary' block loading={busy} onClick={() => void scan()}>
              扫码核销
            </Button>
          </View>
        ) : (
          <View>
            <Text className='muted'>网页版无法调用摄像头：请粘贴会员券码的内容。</Text>
            <Textarea
              id='redeem-token'
              className='redeem-token'
              placeholder='粘贴券码内容'
              maxlength={2048}
              value={token}
              onInput={(e) => setToken(e.detail.value)}
            />
            <Button id='redeem-submit' type='primary' block loading={busy} onClick={() => void redeem(token)}>
              核销
            </Button>
          </View>
        )}
      </View>

      <View className='panel redeem-panel'>
        <View className='panel__title'>输入数字码</View>
        <Text className='muted'>扫不出时，输入会员券码（或会员码）下方的 {SHORT_CODE_LENGTH} 位数字。</Text>
        <Input
          id='redeem-code'
          className='redeem-code'
          type='number'
          placeholder={`${SHORT_CODE_LENGTH} 位数字码`}
          maxlength={SHORT_CODE_LENGTH + 2}
          value={code}
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={typeCode}
        />
        <Button id='redeem-code-submit' type='primary' block loading={busy} onClick={typeCode}>
          核销数字码
        </Button>
      </View>

      {result?.kind === 'redeemed' ? (
        <View id='redeem-result' className='redeem-result redeem-result--ok' data-coupon={result.redemption.couponId}>
          <View className='redeem-result__title'>✓ 核销成功</View>
          <InfoRow label='权益' id='redeem-benefit'>
            {result.redemption.benefitTitle}
          </InfoRow>
          <InfoRow label='面值'>{formatFen(result.redemption.faceValueFen)}</InfoRow>
          <InfoRow label='会员' id='redeem-member'>
            {result.redemption.memberName}
          </InfoRow>
          <InfoRow label='核销时间' id='redeem-time'>
            {formatDateTime(result.redemption.redeemedAt)}
          </InfoRow>
          <InfoRow label='商户'>{result.redemption.merchant.name}</InfoRow>
        </View>
      ) : null}

      {result?.kind === 'card' ? (
        <View id='redeem-card' className='redeem-result redeem-result--ok'>
          <View className='redeem-result__title'>✓ 会员身份有效</View>
          <InfoRow label='会员' id='redeem-card-member'>
            {result.card.memberName}
          </InfoRow>
          <InfoRow label='所在工会'>{result.card.unionName}</InfoRow>
          <InfoRow label='会员卡号' id='redeem-card-number'>
            {groupCardNumber(result.card.number)}
          </InfoRow>
        </View>
      ) : null}

      {result?.kind === 'refused' ? (
        <View id='redeem-refused' className='redeem-result redeem-result--refused'>
          <View className='redeem-result__title'>{result.title ?? '未能核销'}</View>
          <View id='redeem-refusal'>{result.message}</View>
        </View>
      ) : null}

      {history.length > 0 ? (
        <View id='redeem-history' className='panel'>
          <View className='panel__title'>本次核销记录</View>
          {history.map((r) => (
            <InfoRow key={r.couponId} label={formatDateTime(r.redeemedAt).slice(11)}>
              {r.benefitTitle} · {r.memberName}
            </InfoRow>
          ))}
        </View>
      ) : null}

      <TodayRedemptions refreshKey={history.length} />
    </Page>
  );
}
