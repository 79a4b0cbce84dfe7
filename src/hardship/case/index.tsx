import { useCallback, useState } from 'react';
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  AID_KIND_LABELS,
  CASE_STEP_LABELS,
  HARDSHIP_CATEGORIES,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  HOUSING_LABELS,
  PROOF_KIND_LABELS,
  type CaseView,
  type HardshipCategory,
  type MyFileView,
} from '../../../functions/hardship/contracts/hardship';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { FormField } from '../../components/application-form/field';
import { GatePanel, gateOf, messageOf, type Gate } from '../../components/page-state';
import { confirmSheet } from '../../components/confirm-sheet';
import { Page } from '../../components/page';
import { formatDateTime } from '../../components/benefit/format';
import { cancelCase, decideCase, getCase, getMyHardship, rateCase, resolveObjection } from '../../services/hardship';
import { RATING_CHOICES, isBadRating, validateRating } from '../../components/application/model';
import type { RatingLevel } from '../../../functions/applications/contracts/applications';
import '../../components/application/index.scss';
import { readSession } from '../../services/session';
import { chinaDate, yuan } from '../model';
import { CaseStatusTag, CaseSteps, CategoryTag, Household, Payments, Row } from '../parts';
import '../../components/application-form/index.scss';
import '../hardship.scss';

type State = Gate | { kind: 'ready'; item: CaseView; file: MyFileView | null; now: number };
type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** Steps where the deciding official may set the category (defaults to the self-check's). */
const CATEGORY_STEPS = new Set(['center', 'approval']);

/**
 * One 困难帮扶 case (`?id=`): for the applicant, 办理进度 — every step with its union and deadline,
 * 公示's dates, and after approval the file's category, the aid paid and the yearly re-check; 撤回
 * while it is pending. For a 帮扶 official of the case's union or above: the household (ID numbers
 * masked; the read is audited), the visit record, 录入入户核查 on the visit step, the decision on
 * the open step (the category on 帮扶中心审核 and 审批), and objections to resolve.
 */
export default function HardshipCase() {
  const [caseId, setCaseId] = useState('');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [category, setCategory] = useState<HardshipCategory | ''>('');
  const [objectionComment, setObjectionComment] = useState('');
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [ratingComment, setRatingComment] = useState('');
  const [ratingError, setRatingError] = useState('');

  const load = useCallback(async (id: string) => {
    if (!id) return;
    if (!readSession()) return setState({ kind: 'anonymous' });
    try {
      const { case: item } = await getCase(id);
      // The applicant's own file (category, aid paid, re-check): read only when the case made one.
      const mine = item.fileId && !item.can.decide && !item.can.visit ? await getMyHardship().catch(() => null) : null;
      setState({ kind: 'ready', item, file: mine?.file && mine.file.id === item.fileId ? mine.file : null, now: Date.now() });
    } catch (error) {
      setState(gateOf(error));
    }
  }, []);

  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.id ?? '');
    setCaseId(id);
    void load(id);
  });
  useDidShow(() => void load(caseId));
  usePullDownRefresh(() => void load(caseId).finally(() => Taro.stopPullDownRefresh()));

  const act = async (run: () => Promise<{ case: CaseView }>, done: string) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const { case: item } = await run();
      setState((prev) => (prev.kind === 'ready' ? { ...prev, item, now: Date.now() } : prev));
      setNotice({ tone: 'ok', text: done });
      setComment('');
      setObjectionComment('');
    } catch (error) {
      setNotice({ tone: 'error', text: messageOf(error, '操作失败，请稍后再试') });
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='hardship-case-page'>
        <GatePanel gate={state} id='hardship-case' onRetry={() => void load(caseId)} loginHint='登录后查看困难帮扶办理进度。' />
      </Page>
    );
  }

  const { item, file, now } = state;
  const open = item.steps.find((s) => s.step === item.currentStep) ?? null;
  const form = item.form;
  const official = item.can.decide || item.can.visit || item.can.resolveObjection;

  const decide = async (decision: 'approve' | 'reject') => {
    if (!open) return;
    if (decision === 'reject' && comment.trim() === '') return setNotice({ tone: 'error', text: '不同意时请填写原因，申请人可以看到' });
    const ok = await confirmSheet({
      title: decision === 'approve' ? `${open.name}：同意` : `${open.name}：不同意`,
      content: decision === 'approve' ? '确定同意并进入下一环节？' : '确定不同意？申请将办结为未通过。',
      danger: decision === 'reject',
    });
    if (!ok) return;
    await act(
      () =>
        decideCase(item.id, {
          step: open.step,
          decision,
          ...(comment.trim() !== '' && { comment: comment.trim() }),
          ...(category !== '' && CATEGORY_STEPS.has(open.step) && { category }),
        }),
      decision === 'approve' ? '已同意' : '已办结为未通过',
    );
  };

  /** 好差评, once: the engine's levels and checks (no 回访 is promised for a 困难帮扶 case). */
  const sendRating = async () => {
    const checked = validateRating(level, ratingComment);
    if (!checked.ok) return setRatingError(checked.error);
    setRatingError('');
    await act(() => rateCase(item.id, checked.request), '感谢您的评价');
  };

  const withdraw = async () => {
    if (!(await confirmSheet({ title: '撤回申请', content: '撤回后本申请不再办理；如有需要可以重新申请。确定撤回？', danger: true }))) return;
    await act(() => cancelCase(item.id), '已撤回');
  };

  return (
    <Page id='hardship-case-page'>
      <View className='panel'>
        <View className='hardship-result__head'>
          <Text className='panel__title'>困难帮扶申请</Text>
          <CaseStatusTag id='hardship-case-status' status={item.status} />
        </View>
        <Row label='申请人'>{item.applicantName}</Row>
        <Row label='所在工会' id='hardship-case-org'>
          {item.org.name}
        </Row>
        <Row label='当前环节' id='hardship-case-current'>
          {item.currentStep ? CASE_STEP_LABELS[item.currentStep] : '已办结'}
        </Row>
        <Row label='测算类别' id='hardship-case-computed'>
          {HARDSHIP_CATEGORY_LABELS[form.computedCategory]}（月人均 {yuan(form.monthlyPerCapitaFen)}，低保 {yuan(form.minimumLivingFen)}）
        </Row>
        {item.category ? (
          <Row label='认定类别' id='hardship-case-category'>
            <CategoryTag category={item.category} />
          </Row>
        ) : null}
        {item.status === 'paused' ? (
          <View id='hardship-case-paused' className='app-detail__alert'>
            公示期间收到异议，正在核查，核查后继续办理。
          </View>
        ) : null}
      </View>

      {file ? (
        <View id='hardship-my-file' className='panel'>
          <View className='panel__title'>我的困难职工档案</View>
          <Row label='困难类别'>
            <CategoryTag category={file.category} />
          </Row>
          <Row label='年度复核' id='hardship-my-recheck'>
            {file.status === 'closed' ? '档案已销档' : `${chinaDate(file.recheckDue)}前，工会将上门或电话复核家庭情况`}
          </Row>
          <View className='app-form__section'>帮扶发放</View>
          <Payments payments={file.payments} id='hardship-my-payments' />
        </View>
      ) : null}

      <View className='panel'>
        <View className='panel__title'>办理进度</View>
        <CaseSteps steps={item.steps} now={now} />
        {item.publicity ? (
          <View id='hardship-case-publicity' className='muted'>
            公示期：{chinaDate(item.publicity.startDate)} 至 {chinaDate(item.publicity.endDate)}
            {item.publicity.paused ? '（因异议暂停）' : ''}
          </View>
        ) : null}
      </View>

      {item.visit ? (
        <View id='hardship-case-visit' className='panel'>
          <View className='panel__title'>入户核查</View>
          <Row label='走访日期'>{chinaDate(item.visit.date)}</Row>
          <Row label='见到的人'>{item.visit.met}</Row>
          {item.visit.notes ? <Row label='核查情况'>{item.visit.notes}</Row> : null}
          <Row label='签字材料'>
            申请书 {item.visit.signedApplicationKeys.length} 张，授权书 {item.visit.authorisationKeys.length} 张
          </Row>
          <Row label='录入'>
            {item.visit.recordedByOrg?.name ?? ''} · {formatDateTime(item.visit.recordedAt)}
          </Row>
        </View>
      ) : null}

      <View id='hardship-case-form' className='panel'>
        <View className='panel__title'>申请内容</View>
        <Row label='主要原因'>{HARDSHIP_CAUSE_LABELS[form.mainCause]}</Row>
        {form.secondaryCauses.length > 0 ? <Row label='次要原因'>{form.secondaryCauses.map((c) => HARDSHIP_CAUSE_LABELS[c]).join('、')}</Row> : null}
        <Row label='申请帮扶'>{form.aid.map((a) => AID_KIND_LABELS[a]).join('、')}</Row>
        <Row label='住房'>
          {HOUSING_LABELS[form.housing.type]} {form.housing.areaM2} 平方米
        </Row>
        {official ? <Row label='家庭住址'>{form.housing.address}</Row> : null}
        <Row label='刚性支出'>{yuan(form.rigidExpensesFen)}/年</Row>
        <Row label='收款账户'>
          {form.payee.bankName} {form.payee.accountMasked}
        </Row>
        <Row label='证明材料'>{form.proofs.map((p) => PROOF_KIND_LABELS[p.kind]).filter((v, i, a) => a.indexOf(v) === i).join('、')}</Row>
        <Row label='困难情况'>{form.statement}</Row>
        <View className='app-form__section'>家庭成员（{form.members.length} 人）</View>
        <Household members={form.members} />
      </View>

      {item.can.visit ? (
        <View className='hardship-actions'>
          <Button id='hardship-case-visit-record' type='primary' block onClick={() => void Taro.navigateTo({ url: `/hardship/visit/index?id=${encodeURIComponent(item.id)}` })}>
            {item.visit ? '修改入户核查记录' : '录入入户核查'}
          </Button>
        </View>
      ) : null}

      {item.can.decide && open ? (
        <View id='hardship-decision' className='panel'>
          <View className='panel__title'>办理：{open.name}</View>
          {CATEGORY_STEPS.has(open.step) ? (
            <FormField label='认定类别（不选则按测算结果）' field='category'>
              <ChipGroup id='hardship-decision-category'>
                {HARDSHIP_CATEGORIES.map((c) => (
                  <Chip key={c} id={`hardship-decision-category-${c}`} active={category === c} onTap={() => setCategory(category === c ? '' : c)}>
                    {HARDSHIP_CATEGORY_LABELS[c]}
                  </Chip>
                ))}
              </ChipGroup>
            </FormField>
          ) : null}
          <FormField label='办理意见' field='comment' hint='同意时可不填；不同意须写明原因，申请人可以看到。'>
            <Textarea id='hardship-decision-comment' className='app-form__textarea' maxlength={200} value={comment} onInput={(e) => setComment(e.detail.value)} />
          </FormField>
          <View className='hardship-nav'>
            <Button id='hardship-decision-reject' fill='outline' disabled={busy} onClick={() => void decide('reject')}>
              不同意
            </Button>
            <Button id='hardship-decision-approve' type='primary' disabled={busy} onClick={() => void decide('approve')}>
              {open.step === 'publicity' ? '公示期满，无异议' : '同意'}
            </Button>
          </View>
        </View>
      ) : null}

      {item.objections.length > 0 ? (
        <View id='hardship-objections' className='panel'>
          <View className='panel__title'>公示异议</View>
          {item.objections.map((o) => (
            <View key={o.id} id={`hardship-objection-${o.id}`} className='hardship-list-item' data-status={o.status}>
              <View className='hardship-list-item__head'>
                <Text>{formatDateTime(o.at)}</Text>
                <Text className='muted'>{o.status === 'open' ? '待核查' : o.status === 'upheld' ? '异议成立' : '异议不成立'}</Text>
              </View>
              <View>{o.reason}</View>
              {o.comment ? <View className='muted'>核查结论：{o.comment}</View> : null}
              {o.status === 'open' && item.can.resolveObjection ? (
                <>
                  <Textarea
                    id={`hardship-objection-${o.id}-comment`}
                    className='app-form__textarea'
                    maxlength={300}
                    placeholder='核查结论（必填）'
                    value={objectionComment}
                    onInput={(e) => setObjectionComment(e.detail.value)}
                  />
                  <View className='hardship-nav'>
                    <Button
                      id={`hardship-objection-${o.id}-uphold`}
                      fill='outline'
                      disabled={busy}
                      onClick={() =>
                        objectionComment.trim() === ''
                          ? setNotice({ tone: 'error', text: '请填写核查结论' })
                          : void act(() => resolveObjection(o.id, { outcome: 'upheld', comment: objectionComment.trim() }), '异议成立，申请已办结为未通过')
                      }
                    >
                      异议成立
                    </Button>
                    <Button
                      id={`hardship-objection-${o.id}-dismiss`}
                      type='primary'
                      disabled={busy}
                      onClick={() =>
                        objectionComment.trim() === ''
                          ? setNotice({ tone: 'error', text: '请填写核查结论' })
                          : void act(() => resolveObjection(o.id, { outcome: 'dismissed', comment: objectionComment.trim() }), '异议不成立，继续公示')
                      }
                    >
                      异议不成立
                    </Button>
                  </View>
                </>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {item.fileId && official ? (
        <View className='hardship-actions'>
          <Button id='hardship-case-file' fill='outline' block onClick={() => void Taro.navigateTo({ url: `/hardship/file/index?id=${encodeURIComponent(item.fileId!)}` })}>
            查看家庭档案
          </Button>
        </View>
      ) : null}

      {item.rating ? (
        <View id='hardship-case-rating' className='panel' data-level={item.rating.level}>
          <View className='panel__title'>我的评价</View>
          <Row label='评价'>{item.rating.label}</Row>
          {item.rating.comment ? <Row label='评价内容'>{item.rating.comment}</Row> : null}
          <Row label='评价时间'>{formatDateTime(item.rating.at)}</Row>
        </View>
      ) : null}
      {item.can.rate ? (
        <View id='rating-form' className='panel'>
          <View className='panel__title'>评价本次办理</View>
          <Text className='muted'>按照政务服务“好差评”制度，每件事项可评价一次。</Text>
          <View className='app-rating__levels'>
            {RATING_CHOICES.map((choice) => (
              <View
                key={choice.level}
                id={`rating-level-${choice.level}`}
                className={`app-rating__level${level === choice.level ? ' app-rating__level--chosen' : ''}${isBadRating(choice.level) ? ' app-rating__level--bad' : ''}`}
                aria-checked={level === choice.level}
                onClick={() => {
                  setLevel(choice.level);
                  setRatingError('');
                }}
              >
                {choice.label}
              </View>
            ))}
          </View>
          <Textarea id='rating-comment' className='app-rating__comment' placeholder='说说您的办理体验（选填）' maxlength={200} value={ratingComment} onInput={(e) => setRatingComment(e.detail.value)} />
          {ratingError ? (
            <View id='rating-error' className='app-message app-message--error'>
              {ratingError}
            </View>
          ) : null}
          <View className='app-actions'>
            <Button id='rating-submit' type='primary' block loading={busy} onClick={() => void sendRating()}>
              提交评价
            </Button>
          </View>
        </View>
      ) : null}

      {notice ? (
        <View id='hardship-case-notice' className={`app-message app-message--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : undefined}>
          {notice.text}
        </View>
      ) : null}

      {item.can.cancel ? (
        <View className='app-secondary-actions'>
          <View id='hardship-case-cancel' className='app-secondary-action' role='button' aria-disabled={busy} onClick={() => (busy ? undefined : void withdraw())}>
            撤回申请
          </View>
        </View>
      ) : null}
    </Page>
  );
}
