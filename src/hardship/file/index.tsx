import { useCallback, useState } from 'react';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  AID_KIND_LABELS,
  AID_KINDS,
  CLOSE_REASON_LABELS,
  CLOSE_REASONS,
  HARDSHIP_CATEGORIES,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  HOUSING_LABELS,
  paymentRequest,
  recheckRequest,
  type AidKind,
  type CloseReason,
  type FileView,
  type HardshipCategory,
} from '../../../functions/hardship/contracts/hardship';
import { cityName } from '../../../functions/stations/contracts/stations';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { FormField } from '../../components/application-form/field';
import { GatePanel, gateOf, messageOf, type Gate } from '../../components/page-state';
import { confirmSheet } from '../../components/confirm-sheet';
import { Page } from '../../components/page';
import { formatDateTime } from '../../components/benefit/format';
import { confirmPayment, getFile, recheckFile, recordPayment } from '../../services/hardship';
import { chinaDate, yuan, yuanFen } from '../model';
import { CategoryTag, Household, Payments, Row } from '../parts';
import '../../components/application-form/index.scss';
import '../hardship.scss';

type State = Gate | { kind: 'ready'; file: FileView };
type Action = 'confirm' | 'change' | 'close';
const ACTION_LABELS: Record<Action, string> = { confirm: '维持类别', change: '调整类别', close: '销档' };

/**
 * 家庭档案 (`?id=`): one household's file as a 帮扶 official reads it (the read is audited): category,
 * causes, household (ID numbers masked), housing, income, the aid history and the re-checks; the
 * yearly re-check (维持 / 调整类别 / 销档 with its reason), and aid recorded against the file, marked
 * paid by a second person.
 */
export default function HardshipFile() {
  const [fileId, setFileId] = useState('');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [action, setAction] = useState<Action>('confirm');
  const [category, setCategory] = useState<HardshipCategory | ''>('');
  const [closeReason, setCloseReason] = useState<CloseReason | ''>('');
  const [reason, setReason] = useState('');
  const [aid, setAid] = useState<AidKind | ''>('');
  const [amount, setAmount] = useState('');
  const [payNote, setPayNote] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (id: string) => {
    if (!id) return;
    try {
      setState({ kind: 'ready', file: (await getFile(id)).file });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);
  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.id ?? '');
    setFileId(id);
    void load(id);
  });
  useDidShow(() => void load(fileId));

  const run = async (send: () => Promise<{ file: FileView }>, done: string) => {
    setBusy(true);
    setNotice(null);
    try {
      setState({ kind: 'ready', file: (await send()).file });
      setNotice({ tone: 'ok', text: done });
      return true;
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error, '操作失败，请稍后再试') });
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='hardship-file-page'>
        <GatePanel gate={state} id='hardship-file' onRetry={() => void load(fileId)} />
      </Page>
    );
  }
  const { file } = state;

  const recheck = async () => {
    const parsed = recheckRequest.safeParse({
      action,
      reason,
      ...(action === 'change' && category !== '' && { category }),
      ...(action === 'close' && closeReason !== '' && { closeReason }),
    });
    if (!parsed.success) return setNotice({ tone: 'error', text: parsed.error.issues[0]?.message ?? '请填写复核说明' });
    if (action === 'close' && !(await confirmSheet({ title: '销档', content: '销档后不再复核和发放帮扶，档案保留10年。确定销档？', danger: true }))) return;
    if (await run(() => recheckFile(file.id, parsed.data), action === 'close' ? '已销档' : '已记录年度复核')) setReason('');
  };

  const pay = async () => {
    const fen = yuanFen(amount);
    const parsed = paymentRequest.safeParse({ aid: aid || undefined, amountFen: fen === null || amount.trim() === '' ? undefined : fen, note: payNote });
    if (!parsed.success) return setNotice({ tone: 'error', text: parsed.error.issues[0]?.message ?? '请填写发放信息' });
    if (await run(() => recordPayment(file.id, parsed.data), '已登记，须由另一位工作人员确认发放')) {
      setAmount('');
      setPayNote('');
    }
  };

  return (
    <Page id='hardship-file-page'>
      <View className='panel'>
        <View className='hardship-result__head'>
          <Text className='panel__title'>{file.headName}</Text>
          <CategoryTag id='hardship-file-category' category={file.category} />
        </View>
        <Row label='档案编号'>{file.number}</Row>
        <Row label='身份证号'>{file.headIdMasked}</Row>
        <Row label='建档工会'>{file.org.name}</Row>
        <Row label='户口所在地'>{cityName(file.regionCode)}</Row>
        <Row label='主要原因'>{HARDSHIP_CAUSE_LABELS[file.mainCause]}</Row>
        {file.secondaryCauses.length > 0 ? <Row label='次要原因'>{file.secondaryCauses.map((c) => HARDSHIP_CAUSE_LABELS[c]).join('、')}</Row> : null}
        <Row label='家庭人口'>{file.householdSize} 人</Row>
        <Row label='家庭年收入'>{yuan(file.yearlyIncomeFen)}</Row>
        <Row label='月人均收入'>{yuan(file.monthlyPerCapitaFen)}</Row>
        <Row label='住房'>
          {HOUSING_LABELS[file.housing.type]} {file.housing.areaM2} 平方米 · {file.housing.address}
        </Row>
        <Row label='收款账户'>
          {file.payee.bankName} {file.payee.accountMasked}
        </Row>
        <Row label='状态' id='hardship-file-status'>
          {file.status === 'closed'
            ? `已销档（${file.closeReason ? CLOSE_REASON_LABELS[file.closeReason] : ''}），${file.deleteAfter ? `${chinaDate(file.deleteAfter)}后删除` : ''}`
            : `在档 · ${chinaDate(file.recheckDue)}前复核${file.recheckOverdue ? '（已超期）' : ''}`}
        </Row>
      </View>

      <View className='panel'>
        <View className='panel__title'>家庭成员</View>
        <Household members={file.members} />
      </View>

      <View className='panel'>
        <View className='panel__title'>帮扶发放</View>
        <Payments
          payments={file.payments}
          id='hardship-file-payments'
          action={(p) =>
            p.status === 'pending' && file.can.pay ? (
              <Button
                id={`hardship-payment-${p.id}-confirm`}
                size='small'
                type='primary'
                disabled={busy}
                onClick={() =>
                  void confirmSheet({ title: '确认发放', content: `确认 ${AID_KIND_LABELS[p.aid]} ${yuan(p.amountFen)} 已发放到账？须由登记人以外的工作人员确认。` }).then(
                    (ok) => ok && run(() => confirmPayment(file.id, p.id), '已确认发放'),
                  )
                }
              >
                确认已发放
              </Button>
            ) : null
          }
        />
        {file.can.pay && file.status === 'active' ? (
          <View id='hardship-payment-form'>
            <FormField label='帮扶类型' field='aid'>
              <ChipGroup id='hardship-payment-aid'>
                {AID_KINDS.map((k) => (
                  <Chip key={k} id={`hardship-payment-aid-${k}`} active={aid === k} onTap={() => setAid(k)}>
                    {AID_KIND_LABELS[k]}
                  </Chip>
                ))}
              </ChipGroup>
            </FormField>
            <FormField label='金额（元）' field='amountFen'>
              <Input id='hardship-payment-amount' className='app-form__input' type='digit' maxlength={9} value={amount} onInput={(e) => setAmount(e.detail.value)} />
            </FormField>
            <FormField label='备注' field='note'>
              <Input id='hardship-payment-note' className='app-form__input' maxlength={200} value={payNote} onInput={(e) => setPayNote(e.detail.value)} />
            </FormField>
            <Button id='hardship-payment-record' fill='outline' block disabled={busy} onClick={() => void pay()}>
              登记帮扶发放
            </Button>
          </View>
        ) : null}
      </View>

      <View className='panel'>
        <View className='panel__title'>年度复核</View>
        {file.rechecks.length === 0 ? <Text className='muted'>尚未复核</Text> : null}
        {file.rechecks.map((r, i) => (
          <View key={`${r.at}-${i}`} className='hardship-list-item'>
            <View className='hardship-list-item__head'>
              <Text>{formatDateTime(r.at)}</Text>
              <Text className='muted'>
                {ACTION_LABELS[r.action]}
                {r.spotCheck ? ' · 抽查' : ''}
              </Text>
            </View>
            <View className='muted'>
              {HARDSHIP_CATEGORY_LABELS[r.category]}
              {r.closeReason ? ` · ${CLOSE_REASON_LABELS[r.closeReason]}` : ''} · {r.reason}
            </View>
          </View>
        ))}
        {file.can.recheck && file.status === 'active' ? (
          <View id='hardship-recheck-form'>
            <FormField label='复核结果' field='action'>
              <ChipGroup id='hardship-recheck-action'>
                {(Object.keys(ACTION_LABELS) as Action[]).map((a) => (
                  <Chip key={a} id={`hardship-recheck-action-${a}`} active={action === a} onTap={() => setAction(a)}>
                    {ACTION_LABELS[a]}
                  </Chip>
                ))}
              </ChipGroup>
            </FormField>
            {action === 'change' ? (
              <FormField label='调整后的类别' field='category'>
                <ChipGroup id='hardship-recheck-category'>
                  {HARDSHIP_CATEGORIES.filter((c) => c !== file.category).map((c) => (
                    <Chip key={c} id={`hardship-recheck-category-${c}`} active={category === c} onTap={() => setCategory(c)}>
                      {HARDSHIP_CATEGORY_LABELS[c]}
                    </Chip>
                  ))}
                </ChipGroup>
              </FormField>
            ) : null}
            {action === 'close' ? (
              <FormField label='销档原因' field='closeReason'>
                <ChipGroup id='hardship-recheck-close'>
                  {CLOSE_REASONS.map((c) => (
                    <Chip key={c} id={`hardship-recheck-close-${c}`} active={closeReason === c} onTap={() => setCloseReason(c)}>
                      {CLOSE_REASON_LABELS[c]}
                    </Chip>
                  ))}
                </ChipGroup>
              </FormField>
            ) : null}
            <FormField label='复核说明' field='reason'>
              <Textarea id='hardship-recheck-reason' className='app-form__textarea' maxlength={300} placeholder='如：入户复核，家庭收入无明显变化' value={reason} onInput={(e) => setReason(e.detail.value)} />
            </FormField>
            <Button id='hardship-recheck-submit' type='primary' block disabled={busy} onClick={() => void recheck()}>
              提交复核
            </Button>
          </View>
        ) : null}
      </View>

      {notice ? (
        <View id='hardship-file-notice' className={`app-message app-message--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : undefined}>
          {notice.text}
        </View>
      ) : null}
      {file.caseIds.length > 0 ? (
        <View className='hardship-actions'>
          {file.caseIds.map((id, i) => (
            <Button key={id} id={`hardship-file-case-${i}`} fill='outline' block onClick={() => void Taro.navigateTo({ url: `/hardship/case/index?id=${encodeURIComponent(id)}` })}>
              查看第 {i + 1} 次申请
            </Button>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
