import { useCallback, useEffect, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AttemptResponse, AttemptResultResponse, MyDrawResponse } from '../../../functions/draws/contracts/draws';
import { allAnswered, outcomeLabel, timeLeft } from '../../components/draw/model';
import { PayPrompt } from '../../components/order/pay-prompt';
import { getMyDraw, startAttempt, submitAttempt } from '../../services/draws';
import { ApiError } from '../../services/request';
import '../draws.scss';

type Attempt = AttemptResponse['attempt'];
type Result = AttemptResultResponse['result'];

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');
const LETTERS = 'ABCDEF';

/**
 * 答题抽奖: the rules and attempts left, an attempt's questions (no answers come with them) against
 * its timer, then the result with every question's right answer and explanation, and the draw's
 * outcome. An attempt counts when it starts; one left to run out is a timed-out attempt.
 */
export default function QuizPage() {
  const [drawId, setDrawId] = useState('');
  const [me, setMe] = useState<MyDrawResponse['me'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useLoad((params: Record<string, string | undefined>) => setDrawId(decodeURIComponent(params.drawId ?? '')));

  const load = useCallback(async (id: string) => {
    if (!id) return;
    try {
      setMe((await getMyDraw(id)).me);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.isUnauthenticated ? '请先登录并完成会员实名绑定' : messageOf(e));
    }
  }, []);
  useEffect(() => void load(drawId), [drawId, load]);

  const submit = useCallback(async () => {
    if (!attempt || busy) return;
    setBusy(true);
    try {
      setResult((await submitAttempt(attempt.id, answers)).result);
      setAttempt(null);
      void load(drawId);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }, [attempt, answers, busy, drawId, load]);

  // The timer: a second at a time; at zero the answers go as they are (the server scores them late as nothing).
  useEffect(() => {
    if (!attempt) return undefined;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= Date.parse(attempt.deadline)) {
        clearInterval(timer);
        void submit();
      }
    }, 1_000);
    return () => clearInterval(timer);
  }, [attempt, submit]);

  const start = async () => {
    setBusy(true);
    try {
      const started = (await startAttempt(drawId)).attempt;
      setAttempt(started);
      setAnswers({});
      setResult(null);
      setNow(Date.now());
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
      void load(drawId);
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <View id='quiz-page' className='page'>
        <View id='quiz-error' className='panel detail-error'>
          {error}
        </View>
      </View>
    );
  }
  if (!me) {
    return (
      <View id='quiz-page' className='page'>
        <View className='panel muted'>正在加载…</View>
      </View>
    );
  }

  if (attempt) {
    return (
      <View id='quiz-page' className='page'>
        <View className='panel'>
          <View className='detail-row'>
            <Text className='detail-row__label'>剩余时间</Text>
            <Text id='quiz-timer' className='quiz-timer'>
              {timeLeft(attempt.deadline, now)}
            </Text>
          </View>
          <Text className='muted'>
            共 {attempt.questions.length} 题，答对 {attempt.passMark} 题即可抽奖；请一次答完，超时按未通过计。
          </Text>
        </View>
        {attempt.questions.map((q, i) => (
          <View key={q.id} className='panel quiz-question' id={`quiz-q-${i}`}>
            <View className='quiz-question__text'>
              {i + 1}. {q.text}
            </View>
            {q.options.map((option, k) => (
              <View
                key={k}
                id={`quiz-q-${i}-o-${k}`}
                className={`quiz-option${answers[q.id] === k ? ' quiz-option--chosen' : ''}`}
                onClick={() => setAnswers((a) => ({ ...a, [q.id]: k }))}
              >
                {LETTERS[k]}. {option}
              </View>
            ))}
          </View>
        ))}
        <View className='panel'>
          <Button id='quiz-submit' type='primary' block loading={busy} disabled={busy || !allAnswered(attempt.questions.map((q) => q.id), answers)} onClick={() => void submit()}>
            提交答案
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View id='quiz-page' className='page'>
      {result ? (
        <View id='quiz-result' className='panel'>
          <View className='panel__title'>
            {result.outcome === 'passed' ? '答题通过' : result.outcome === 'timed_out' ? '答题超时' : '答题未通过'}：答对 {result.right} 题（需 {result.passMark} 题）
          </View>
          {result.ticket ? (
            <View id='quiz-ticket' className='detail-row'>
              <Text className='detail-row__label'>签号 {result.ticket.ticket}</Text>
              <Text className='detail-row__value'>{outcomeLabel(result.ticket)}</Text>
            </View>
          ) : null}
          {result.ticket?.place?.state === 'awaiting_payment' ? <PayPrompt couponId={result.ticket.place.couponId} /> : null}
          {result.review.map((r, i) => (
            <View key={r.id} className='quiz-question' id={`quiz-review-${i}`}>
              <View className='quiz-question__text'>
                {i + 1}. {r.text}
              </View>
              <View className={r.chosen === r.correct ? 'quiz-option quiz-option--right' : 'quiz-option quiz-option--chosen'}>
                您的答案：{r.chosen === null ? '未作答' : `${LETTERS[r.chosen]}. ${r.options[r.chosen]}`}
                {r.chosen === r.correct ? ' ✓' : ` ✗ 正确答案：${LETTERS[r.correct]}. ${r.options[r.correct]}`}
              </View>
              <Text className='muted quiz-explanation'>解析：{r.explanation || '暂无解析'}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='panel'>
        {me.quiz ? (
          <Text className='muted'>
            每次 {me.quiz.questionsPerAttempt} 题，答对 {me.quiz.passMark} 题可{me.kind === 'instant' ? '抽奖一次' : '报名抽签'}；每人每天 {me.quiz.attemptsPerDay} 次，每次限时{' '}
            {Math.round(me.quiz.timeLimitSeconds / 60)} 分钟{me.winsPerMemberPerDay ? `；每人每天最多中签 ${me.winsPerMemberPerDay} 次` : ''}。
          </Text>
        ) : null}
        <View className='detail-row'>
          <Text className='detail-row__label'>今日剩余答题次数</Text>
          <Text id='quiz-attempts-left' className='detail-row__value'>
            {me.attemptsLeft ?? '-'}
          </Text>
        </View>
        <Button id='quiz-start' type='primary' block loading={busy} disabled={busy || me.reason !== null} onClick={() => void start()}>
          {me.reason === null ? (result ? '再答一次' : '开始答题') : me.reason === 'QUIZ_ATTEMPTS_USED_UP' ? '今日次数已用完' : me.reason === 'DRAW_DAILY_WINS_REACHED' ? '今日中签次数已满' : '暂不能参加'}
        </Button>
        <View id='quiz-draw-link' className='detail-bar__link' onClick={() => void Taro.navigateTo({ url: `/draws/draw/index?id=${encodeURIComponent(drawId)}` })}>
          抽签公示与我的签 ›
        </View>
      </View>
    </View>
  );
}
