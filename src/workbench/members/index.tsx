import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { MemberHit } from '../../../functions/membership/contracts/admin';
import { messageOf } from '../../components/page-state';
import { searchMembers } from '../../services/workbench';
import { SEARCH_KIND_HINTS, searchError, searchKind } from './model';
import { Page } from '../../components/page';
import '../workbench.scss';

type Search = { kind: 'idle' } | { kind: 'searching' } | { kind: 'error'; message: string } | { kind: 'done'; items: MemberHit[]; truncated: boolean };

/** 会员服务: find a member of the official's subtree by name (its start), mobile number or ID number. */
export default function MembersPage() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const sequence = useRef(0);

  const run = async () => {
    const refusal = searchError(q);
    if (refusal) {
      setSearch({ kind: 'error', message: refusal });
      return;
    }
    const mine = (sequence.current += 1);
    setSearch({ kind: 'searching' });
    try {
      const answer = await searchMembers({ q: q.trim() });
      if (mine === sequence.current) setSearch({ kind: 'done', items: answer.items, truncated: answer.truncated });
    } catch (e) {
      if (mine === sequence.current) setSearch({ kind: 'error', message: messageOf(e, '查找失败，请稍后再试') });
    }
  };

  return (
    <Page id='members-page'>
      <View className='panel wb-search'>
        <Input
          id='members-q'
          className='wb-search__input'
          type='text'
          confirmType='search'
          maxlength={30}
          placeholder='姓名、手机号或身份证号'
          value={q}
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void run()}
        />
        <Text id='members-search' className='wb-link' onClick={() => void run()}>
          查找
        </Text>
      </View>
      {q.trim() ? <View className='muted wb-note'>{SEARCH_KIND_HINTS[searchKind(q)]}（本级及下级工会的会员）</View> : null}

      {search.kind === 'searching' ? <View className='list-status muted'>正在查找…</View> : null}
      {search.kind === 'error' ? (
        <View id='members-error' className='wb-error'>
          {search.message}
        </View>
      ) : null}
      {search.kind === 'done' && search.items.length === 0 ? (
        <View id='members-empty' className='list-status muted'>
          没有找到会员，请核对后重试
        </View>
      ) : null}
      {search.kind === 'done' ? (
        <View id='members-list'>
          {search.items.map((m) => (
            <View
              key={m.id}
              id={`member-${m.id}`}
              className='wb-card'
              onClick={() => void Taro.navigateTo({ url: `/workbench/member/index?id=${encodeURIComponent(m.id)}` })}
            >
              <View className='wb-card__head'>
                <Text className='wb-card__title'>{m.name}</Text>
                <Text className='wb-card__meta'>{m.status === 'left' ? '已退会' : m.bound ? '已绑定微信' : '未绑定微信'}</Text>
              </View>
              <View className='wb-card__meta'>
                {m.idNumberMasked} · {m.phoneMasked ?? '手机号已释放'}
              </View>
              <View className='wb-card__meta'>{m.union.name}</View>
            </View>
          ))}
        </View>
      ) : null}
      {search.kind === 'done' && search.truncated ? (
        <View id='members-truncated' className='muted wb-note'>
          只显示前 {search.items.length} 位，请输入更完整的姓名，或改用手机号、身份证号查找
        </View>
      ) : null}
    </Page>
  );
}
