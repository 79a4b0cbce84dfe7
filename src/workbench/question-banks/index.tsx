import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { QuestionBankListResponse } from '../../../functions/draws/contracts/draws';
import type { Role } from '../../../functions/kernel/contracts/common';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { formatDateTime } from '../../components/benefit/format';
import { Page } from '../../components/page';
import { messageOf } from '../../components/page-state';
import { getMe } from '../../services/api';
import { createBank, listBanks } from '../../services/draw-admin';
import '../workbench.scss';

type Official = Extract<Role, { type: 'official' }>;
type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: QuestionBankListResponse['items']; orgs: Official[] };

const openBank = (id: string) => void Taro.navigateTo({ url: `/workbench/question-bank/index?id=${encodeURIComponent(id)}` });

/**
 * 答题题库: the question banks of the official's subtree (答题抽奖 draws one attempt's questions
 * from a bank), with their question counts; a new bank is made for one of the official's unions
 * and then filled on its page.
 */
export default function QuestionBanksPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [title, setTitle] = useState('');
  const [orgId, setOrgId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [{ items }, me] = await Promise.all([listBanks(), getMe()]);
      const orgs = me.roles.filter((r): r is Official => r.type === 'official');
      setState({ kind: 'ready', items, orgs });
      setOrgId((current) => current || (orgs[0]?.orgId ?? ''));
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const create = async () => {
    if (title.trim() === '') {
      setError('请填写题库名称');
      return;
    }
    if (!orgId) {
      setError('请选择题库所属工会');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { bank } = await createBank({ orgId, title: title.trim() });
      setTitle('');
      openBank(bank.id);
    } catch (e) {
      setError(messageOf(e, '新建失败，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  if (state.kind !== 'ready') {
    return (
      <Page id='banks-page'>
        <View id='banks-status' className='list-status muted'>
          {state.kind === 'loading' ? '正在加载…' : state.message}
        </View>
      </Page>
    );
  }
  return (
    <Page id='banks-page'>
      <View id='banks-list'>
        {state.items.length === 0 ? (
          <View id='banks-empty' className='list-status muted'>
            还没有题库，请在下方新建。
          </View>
        ) : null}
        {state.items.map((b) => (
          <View key={b.id} id={`bank-${b.id}`} className='wb-card' onClick={() => openBank(b.id)}>
            <View className='wb-card__head'>
              <Text className='wb-card__title'>{b.title}</Text>
              <Text className='wb-link'>{b.questionCount} 题 ›</Text>
            </View>
            <View className='wb-card__meta'>
              {b.org.name}　更新于 {formatDateTime(b.updatedAt)}
            </View>
          </View>
        ))}
      </View>
      {state.orgs.length > 0 ? (
        <View id='bank-new' className='wb-card'>
          <View className='wb-card__title'>新建题库</View>
          <Input id='bank-new-title' className='app-form__input' maxlength={60} placeholder='如 《工会法》知识题库' value={title} onInput={(e) => setTitle(e.detail?.value ?? '')} />
          {state.orgs.length > 1 ? (
            <ChipGroup id='bank-new-orgs'>
              {state.orgs.map((o) => (
                <Chip key={o.orgId} id={`bank-new-org-${o.orgId}`} active={o.orgId === orgId} onTap={() => setOrgId(o.orgId)}>
                  {o.orgName}
                </Chip>
              ))}
            </ChipGroup>
          ) : null}
          {error ? (
            <View id='bank-new-error' className='app-form__form-error'>
              {error}
            </View>
          ) : null}
          <Button id='bank-new-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void create()}>
            新建题库
          </Button>
        </View>
      ) : (
        <View className='wb-card__meta'>平台管理员可查看各级工会的题库；新建题库请以工会工作人员身份登录。</View>
      )}
    </Page>
  );
}
