import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { BATCH_STATUS_LABELS, PAYOUT_FAILURE_LABELS, PAYOUT_FAILURES, type BatchResponse } from '../../../functions/applications/contracts/payouts';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { formatDateTime, formatFen } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { confirmSheet } from '../../components/confirm-sheet';
import { confirmPayoutBatch, getPayoutBatch, markPayoutBatch, payoutBatchFile } from '../../services/payouts';
import { handOverText } from '../roster-import/pick';
import { applyBankAnswer, entriesOf, resultsRequest, type Entries } from './model';
import '../workbench.scss';

type Batch = BatchResponse['batch'];
type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; batch: Batch };
type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** Who did what, in words (never an openid). */
function trail(batch: Batch): string {
  const parts = [`${formatDateTime(batch.createdAt)} 由${batch.createdBy.me ? '您' : '其他工作人员'}生成`];
  if (batch.marked) parts.push(`${formatDateTime(batch.marked.at)} 由${batch.marked.me ? '您' : '其他工作人员'}回填结果`);
  if (batch.confirmed) parts.push(`${formatDateTime(batch.confirmed.at)} 由${batch.confirmed.me ? '您' : '其他工作人员'}复核确认`);
  return parts.join('；');
}

/**
 * 发放批次 (`?id=`): the batch's lines (masked cards), its bank file (下载银行代发文件: the only place the
 * full numbers appear, saved or sent to a chat, never shown), the bank's answer entered line by
 * line or pasted from its file, and the confirmation by a second person — never the one who
 * entered the results.
 */
export default function PayoutBatchPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [entries, setEntries] = useState<Entries>({});
  const [answer, setAnswer] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const show = (batch: Batch) => {
    setState({ kind: 'ready', batch });
    setEntries(entriesOf(batch));
  };
  const load = useCallback(async () => {
    try {
      show((await getPayoutBatch(id)).batch);
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [id]);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const run = async (work: () => Promise<void>, failure: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error, failure) });
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='payout-batch-page'>
        <View id='payout-batch-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
      </Page>
    );
  }
  const { batch } = state;

  const download = () =>
    run(async () => {
      const { file } = await payoutBatchFile(batch.id);
      const handed = await handOverText(file.name, file.content, file.contentType);
      if (handed) setNotice({ tone: 'ok', text: `已导出 ${file.name}，请提交银行办理代发；文件含完整卡号，请妥善保管` });
    }, '下载失败，请稍后再试');

  const submit = () => {
    const checked = resultsRequest(batch, entries);
    if (!checked.ok) {
      setNotice({ tone: 'error', text: checked.message });
      return;
    }
    void run(async () => {
      show((await markPayoutBatch(batch.id, checked.request)).batch);
      setNotice({ tone: 'ok', text: '结果已保存，请另一位工作人员复核确认' });
    }, '保存失败，请稍后再试');
  };

  const confirm = async () => {
    const yes = await confirmSheet({
      title: '复核确认',
      content: `确认本批次 ${batch.lineCount} 笔中成功 ${batch.paidCount} 笔、失败 ${batch.failedCount} 笔与银行回盘一致？确认后会员将看到发放结果，不能再修改。`,
    });
    if (!yes) return;
    void run(async () => {
      show((await confirmPayoutBatch(batch.id, batch.version)).batch);
      setNotice({ tone: 'ok', text: '已复核确认，发放结果已通知会员' });
    }, '确认失败，请稍后再试');
  };

  const readAnswer = () => {
    const { entries: next, problems } = applyBankAnswer(batch, entries, answer);
    setEntries(next);
    setNotice(problems.length > 0 ? { tone: 'error', text: problems.join('；') } : { tone: 'ok', text: '已按银行回盘填入结果，请核对后提交' });
  };

  const set = (reference: string, change: Partial<Entries[string]>) =>
    setEntries((prev) => {
      const base = prev[reference] ?? { result: 'paid' as const, reason: null, note: null };
      const next = { ...base, ...change };
      if (next.result === 'paid') next.reason = null;
      return { ...prev, [reference]: next };
    });

  return (
    <Page id='payout-batch-page'>
      <View className='wb-card' id='payout-batch-summary' data-status={batch.status}>
        <View className='wb-card__head'>
          <Text className='wb-card__title'>批次 {batch.number}</Text>
          <Text id='payout-batch-state' className='wb-link'>
            {BATCH_STATUS_LABELS[batch.status]}
          </Text>
        </View>
        <View className='wb-card__meta'>{batch.campaign.title}</View>
        <View id='payout-batch-figures' className='wb-card__meta'>
          {batch.lineCount} 笔，合计 {formatFen(batch.totalFen)}
          {batch.marked ? `；成功 ${batch.paidCount} 笔，失败 ${batch.failedCount} 笔` : ''}
        </View>
        <View id='payout-batch-trail' className='wb-card__meta'>
          {trail(batch)}
        </View>
        {batch.status === 'marked' && batch.marked?.me ? (
          <View id='payout-batch-second-person' className='wb-card__meta'>
            结果由您回填，须由另一名工作人员复核确认（资金发放须两人把关）。
          </View>
        ) : null}
        <View className='app-actions'>
          {batch.can.download ? (
            <Button id='payout-batch-download' size='small' fill='outline' disabled={busy} onClick={() => void download()}>
              下载银行代发文件
            </Button>
          ) : null}
          {batch.can.confirm ? (
            <Button id='payout-batch-confirm' size='small' type='primary' disabled={busy} onClick={() => void confirm()}>
              复核确认
            </Button>
          ) : null}
        </View>
        {notice ? (
          <View id='payout-batch-notice' className={`app-message app-message--${notice.tone}`}>
            {notice.text}
          </View>
        ) : null}
      </View>

      {batch.can.mark ? (
        <View className='wb-card' id='payout-batch-answer'>
          <View className='wb-card__title'>回填银行结果</View>
          <View className='wb-card__meta'>逐笔选择成功或失败，或把银行回盘文件（CSV：参考号、结果、原因）的内容粘贴到下面，点“识别回盘”自动填入。</View>
          <Textarea
            id='payout-batch-answer-text'
            className='app-form__input'
            maxlength={-1}
            placeholder={'参考号,结果,原因\n20260301-7KQ2M9,成功,'}
            value={answer}
            onInput={(e) => setAnswer(e.detail?.value ?? '')}
          />
          <Button id='payout-batch-read-answer' size='small' fill='outline' disabled={answer.trim() === ''} onClick={readAnswer}>
            识别回盘
          </Button>
        </View>
      ) : null}

      <View id='payout-batch-lines'>
        {batch.lines.map((line) => {
          const entry = entries[line.reference];
          return (
            <View key={line.reference} id={`line-${line.reference}`} className='wb-card' data-result={entry?.result ?? ''}>
              <View className='wb-card__head'>
                <Text className='wb-card__title'>
                  {line.payeeName} {formatFen(line.amountFen)}
                </Text>
                <Text className='wb-link'>{line.result === 'paid' ? '成功' : line.result === 'failed' ? '失败' : ''}</Text>
              </View>
              <View className='wb-card__meta'>
                {line.reference}　{line.bankName}　尾号{line.accountMasked.slice(-4)}
              </View>
              {line.failure ? (
                <View className='wb-card__meta'>
                  失败原因：{line.failure.label}
                  {line.failure.note ? `（${line.failure.note}）` : ''}
                </View>
              ) : null}
              {batch.can.mark ? (
                <>
                  <ChipGroup>
                    <Chip id={`line-${line.reference}-paid`} active={entry?.result === 'paid'} onTap={() => set(line.reference, { result: 'paid' })}>
                      成功
                    </Chip>
                    <Chip id={`line-${line.reference}-failed`} active={entry?.result === 'failed'} onTap={() => set(line.reference, { result: 'failed' })}>
                      失败
                    </Chip>
                  </ChipGroup>
                  {entry?.result === 'failed' ? (
                    <ChipGroup>
                      {PAYOUT_FAILURES.map((reason) => (
                        <Chip key={reason} id={`line-${line.reference}-${reason}`} active={entry.reason === reason} onTap={() => set(line.reference, { reason })}>
                          {PAYOUT_FAILURE_LABELS[reason]}
                        </Chip>
                      ))}
                    </ChipGroup>
                  ) : null}
                </>
              ) : null}
            </View>
          );
        })}
      </View>

      {batch.can.mark ? (
        <Button id='payout-batch-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
          提交发放结果
        </Button>
      ) : null}
    </Page>
  );
}
