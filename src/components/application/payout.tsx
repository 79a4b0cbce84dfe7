import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApplicationView } from '../../../functions/applications/contracts/applications';
import { bankCardProblem, payeeInputSchema, PAYOUT_STATUS_LABELS, type PayoutView } from '../../../functions/applications/contracts/payouts';
import { formatDateTime, formatFen } from '../benefit/format';
import { messageOf } from '../page-state';
import { changePayee } from '../../services/payouts';
import { Row } from './row';

/** What the payout's state means for the member, in one sentence. */
export function payoutSentence(payout: PayoutView): string {
  switch (payout.status) {
    case 'paid':
      return `已发放：${formatFen(payout.amountFen)}已于 ${payout.paidOn ?? ''} 发放到您的银行卡，到账时间以银行为准。`;
    case 'failed':
      return `发放失败：${payout.failure?.label ?? '银行退回'}。${payout.failure?.advice ?? ''}`;
    case 'batched':
      return '发放中：主办工会已将本笔补贴提交银行发放，请留意银行卡入账。';
    default:
      return payout.payee ? '待发放：审核已通过，等待主办工会分批发放。' : '待发放：请补充本人银行卡，补充后才能发放。';
  }
}

/** The applicant gives another card (after a failure, or before a batch takes the payout). */
function PayeeForm({ applicationId, onChanged }: { applicationId: string; onChanged: (application: ApplicationView) => void }) {
  const [bankName, setBankName] = useState('');
  const [accountNumber, setAccountNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = payeeInputSchema.safeParse({ bankName, accountNumber });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请核对开户银行和卡号');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged((await changePayee(applicationId, parsed.data)).application);
    } catch (e) {
      setError(messageOf(e, '提交失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  // A new value clears the answer of the last submission (it was about the old one).
  const typed = (set: (value: string) => void, value: string | undefined) => {
    if (value === undefined) return;
    set(value);
    setError(null);
  };
  const cardProblem = accountNumber.trim() === '' ? null : bankCardProblem(accountNumber);
  return (
    <View id='payee-form' className='app-form'>
      <Text className='app-form__label'>开户银行</Text>
      <Input id='payee-bankName' className='app-form__input' maxlength={40} placeholder='如 中国工商银行海口分行' value={bankName} onInput={(e) => typed(setBankName, e.detail?.value)} />
      <Text className='app-form__label'>本人银行卡号</Text>
      <Input id='payee-accountNumber' className='app-form__input' type='digit' maxlength={23} placeholder='16至19位数字' value={accountNumber} onInput={(e) => typed(setAccountNumber, e.detail?.value)} />
      {cardProblem || error ? (
        <View id='payee-error' className='app-form__form-error'>
          {cardProblem ?? error}
        </View>
      ) : null}
      <Button id='payee-submit' type='primary' block loading={busy} onClick={() => void submit()}>
        提交新的收款银行卡
      </Button>
    </View>
  );
}

/**
 * A subsidy's payout: its state in words (已发放 with the date; 发放失败 with why and what to do), the
 * card it goes to (masked), and for the applicant the form to give another card when that is allowed.
 */
export function PayoutRows({ form, applicationId, onChanged }: { form: Extract<ApplicationView['form'], { kind: 'subsidy' }>; applicationId: string; onChanged?: (application: ApplicationView) => void }) {
  const [changing, setChanging] = useState(false);
  const payout = form.payout;
  const payee = payout?.payee ?? form.payee;
  return (
    <>
      {payee ? (
        <Row label='收款银行卡' id='application-payee'>
          {payee.bankName} · {payee.accountMasked.slice(-4) ? `尾号${payee.accountMasked.slice(-4)}` : ''}
        </Row>
      ) : null}
      {payout ? (
        <>
          <Row label='发放' id='application-payout'>
            <Text id='application-payout-status' data-status={payout.status}>
              {formatFen(payout.amountFen)} · {PAYOUT_STATUS_LABELS[payout.status]}
              {payout.status === 'paid' && payout.paidOn ? `（${payout.paidOn}）` : `（${formatDateTime(payout.createdAt)} 核定）`}
            </Text>
          </Row>
          <View id='application-payout-note' className={`app-message app-message--${payout.status === 'failed' ? 'error' : 'ok'}`}>
            {payoutSentence(payout)}
            {payout.failure?.note ? `（银行说明：${payout.failure.note}）` : ''}
          </View>
          {payout.canChangePayee && onChanged ? (
            changing ? (
              <PayeeForm
                applicationId={applicationId}
                onChanged={(application) => {
                  setChanging(false);
                  onChanged(application);
                }}
              />
            ) : (
              <View className='app-actions'>
                <Button id='payee-change' type='primary' fill='outline' onClick={() => setChanging(true)}>
                  {payout.payee ? '更换收款银行卡' : '补充收款银行卡'}
                </Button>
              </View>
            )
          ) : null}
        </>
      ) : null}
    </>
  );
}
