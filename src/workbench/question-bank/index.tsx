import { useCallback, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { QuestionBank } from '../../../functions/draws/contracts/draws';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { confirmSheet } from '../../components/confirm-sheet';
import { getBank, updateBank } from '../../services/draw-admin';
import { canAddOption, canRemoveOption, checkQuestion, draftOf, emptyQuestion, OPTION_LETTERS, withoutOption, type QuestionDraft } from './model';
import '../workbench.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; bank: QuestionBank };
/** One question being written: the text, 2–6 options with the right one marked, the explanation members read after an attempt. */
function QuestionEditor({ draft, onChange }: { draft: QuestionDraft; onChange: (d: QuestionDraft) => void }) {
  const value = (e: { detail?: { value?: string } }) => e.detail?.value;
  return (
    <View id='question-editor' className='wb-card'>
      <Text className='app-form__label'>题目</Text>
      <Textarea id='question-text' className='app-form__input' maxlength={300} value={draft.text} onInput={(e) => onChange({ ...draft, text: value(e) ?? draft.text })} />
      <Text className='app-form__label'>选项（点字母设为正确答案）</Text>
      {draft.options.map((option, i) => (
        <View key={i} className='wb-search'>
          <Text
            id={`question-correct-${i}`}
            className={`wb-link${draft.correct === i ? ' wb-link--active' : ''}`}
            data-correct={draft.correct === i ? 'true' : 'false'}
            onClick={() => onChange({ ...draft, correct: i })}
          >
            {OPTION_LETTERS[i]}
            {draft.correct === i ? ' ✓' : ''}
          </Text>
          <Input
            id={`question-option-${i}`}
            className='app-form__input'
            maxlength={100}
            value={option}
            onInput={(e) => {
              const v = value(e);
              if (v !== undefined) onChange({ ...draft, options: draft.options.map((o, k) => (k === i ? v : o)) });
            }}
          />
          {canRemoveOption(draft) ? (
            <Text id={`question-option-remove-${i}`} className='wb-link' onClick={() => onChange(withoutOption(draft, i))}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {canAddOption(draft) ? (
        <Button id='question-option-add' size='small' fill='outline' onClick={() => onChange({ ...draft, options: [...draft.options, ''] })}>
          添加选项
        </Button>
      ) : null}
      <Text className='app-form__label'>解析（答题后展示给会员）</Text>
      <Textarea id='question-explanation' className='app-form__input' maxlength={500} value={draft.explanation} onInput={(e) => onChange({ ...draft, explanation: value(e) ?? draft.explanation })} />
    </View>
  );
}

/**
 * 编辑题库 (`?id=`): the bank's questions with the right answer and explanation; a question is added,
 * edited or removed one at a time (version-conditioned on the server: two officials editing at once
 * both keep their edit); 删除题库 archives it (draws that used it keep their copies).
 */
export default function QuestionBankPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [draft, setDraft] = useState<QuestionDraft | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', bank: (await getBank(id)).bank });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, [id]);
  useDidShow(() => void load());

  const save = async (request: Parameters<typeof updateBank>[1], done: string) => {
    setBusy(true);
    setNotice(null);
    try {
      const { bank } = await updateBank(id, request);
      setState({ kind: 'ready', bank });
      setNotice({ tone: 'ok', text: done });
      return true;
    } catch (e) {
      setNotice({ tone: 'error', text: messageOf(e, '保存失败，请稍后再试') });
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='bank-page'>
        <View id='bank-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
      </Page>
    );
  }
  const { bank } = state;

  const saveDraft = async () => {
    if (!draft) return;
    const checked = checkQuestion(draft);
    if (!checked.ok) {
      setNotice({ tone: 'error', text: checked.message });
      return;
    }
    if (await save({ upsert: [checked.question] }, draft.id ? '题目已保存' : '题目已添加')) setDraft(null);
  };

  const remove = async (questionId: string) => {
    if (await confirmSheet({ title: '删除题目', content: '删除后新的答题不再抽到这道题（已抽到的答题不受影响）。确定删除？', confirmText: '删除', danger: true })) await save({ remove: [questionId] }, '题目已删除');
  };

  const archive = async () => {
    const confirm = await confirmSheet({ title: '删除题库', content: `删除「${bank.title}」后不能再用于新的答题抽奖，已设置的活动不受影响。确定删除？`, confirmText: '删除', danger: true });
    if (confirm && (await save({ archived: true }, '题库已删除'))) void Taro.navigateBack();
  };

  return (
    <Page id='bank-page'>
      <View className='wb-card' id='bank-summary'>
        <View className='wb-card__head'>
          <Text className='wb-card__title'>{bank.title}</Text>
          <Text className='wb-link'>{bank.questions.length} 题</Text>
        </View>
        <View className='wb-card__meta'>{bank.org.name}</View>
        {notice ? (
          <View id='bank-notice' className={`app-message app-message--${notice.tone}`}>
            {notice.text}
          </View>
        ) : null}
      </View>

      {draft ? (
        <>
          <QuestionEditor draft={draft} onChange={setDraft} />
          <View className='app-actions'>
            <Button id='question-save' type='primary' loading={busy} disabled={busy} onClick={() => void saveDraft()}>
              保存题目
            </Button>
            <Button id='question-cancel' fill='outline' onClick={() => setDraft(null)}>
              取消
            </Button>
          </View>
        </>
      ) : (
        <Button id='question-new' type='primary' block onClick={() => setDraft(emptyQuestion())}>
          添加题目
        </Button>
      )}

      <View id='bank-questions'>
        {bank.questions.map((q, n) => (
          <View key={q.id} id={`question-${q.id}`} className='wb-card'>
            <Text className='wb-card__title'>
              {n + 1}. {q.text}
            </Text>
            {q.options.map((o, i) => (
              <View key={i} className='wb-card__meta' data-correct={i === q.correct ? 'true' : 'false'}>
                {OPTION_LETTERS[i]}. {o}
                {i === q.correct ? '（正确答案）' : ''}
              </View>
            ))}
            {q.explanation ? <View className='wb-card__meta'>解析：{q.explanation}</View> : null}
            <View className='app-actions'>
              <Button id={`question-edit-${q.id}`} size='small' fill='outline' onClick={() => setDraft(draftOf(q))}>
                编辑
              </Button>
              <Button id={`question-remove-${q.id}`} size='small' fill='outline' disabled={busy} onClick={() => void remove(q.id)}>
                删除
              </Button>
            </View>
          </View>
        ))}
      </View>
      <Button id='bank-archive' fill='outline' block disabled={busy} onClick={() => void archive()}>
        删除题库
      </Button>
    </Page>
  );
}
