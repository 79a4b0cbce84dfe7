import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import '../../components/benefit/index.scss';
import { Button } from '@nutui/nutui-react-taro';
import type { AuditEntryView } from '../../../functions/audit/contracts/audit';
import { usePagedList } from '../../components/paged-list';
import { listAudit } from '../../services/workbench';
import { ACTION_FILTERS, actionLabel, actorFilterError, actorLine, auditFilterQuery, auditSentence, auditWhen, changeRows, changeSentence, type ActionFilter } from './model';
import '../workbench.scss';

interface Filter {
  action: ActionFilter;
  actor: string;
  /** Who `actor` is, in words (只看此人 from an entry); empty when typed. */
  actorName: string;
}

const fetchTrail = (filter: Filter, cursor?: string) => listAudit({ ...auditFilterQuery(filter.action, filter.actor), cursor });

function AuditCard({ entry, onActor }: { entry: AuditEntryView; onActor: (entry: AuditEntryView) => void }) {
  const changes = changeRows(entry).map(changeSentence);
  return (
    <View id={`audit-${entry.id}`} className='wb-card' data-action={entry.action}>
      <View className='wb-card__head'>
        <Text className='wb-card__title audit-action'>{actionLabel(entry.action)}</Text>
        <Text className='wb-card__meta audit-at'>{auditWhen(entry.at)}</Text>
      </View>
      <View className='audit-sentence'>
        {auditSentence(entry)}
        {changes.length > 0 ? `：${changes.join('；')}` : ''}。
      </View>
      <View className='wb-card__meta audit-target'>
        {entry.org ? `所属：${entry.org.name}` : '全省范围'}
        <Text className='wb-link audit-only-actor' onClick={() => onActor(entry)}>
          只看此人
        </Text>
      </View>
    </View>
  );
}

/**
 * 操作记录: every write of the official's subtree (all of them for an admin), newest first, more as
 * the page is scrolled; by kind of action and by actor. Values come masked from the API.
 */
export default function AuditPage() {
  const [filter, setFilter] = useState<Filter>({ action: 'all', actor: '', actorName: '' });
  const [actorText, setActorText] = useState('');
  const [actorError, setActorError] = useState<string | null>(null);
  const { list, load } = usePagedList(fetchTrail);

  useDidShow(() => void load(filter));
  usePullDownRefresh(() => void load(filter).finally(() => Taro.stopPullDownRefresh()));
  const loadMore = () => {
    if (list.nextCursor && !list.loading) void load(filter, list.nextCursor);
  };
  useReachBottom(loadMore);

  const apply = (next: Filter) => {
    setFilter(next);
    void load(next);
  };

  const applyActor = (text: string) => {
    const refusal = actorFilterError(text);
    setActorError(refusal);
    if (refusal) return;
    setActorText(text.trim());
    apply({ ...filter, actor: text.trim(), actorName: '' });
  };

  /** 只看此人: the entry's actor, named in words (the account stays in the query, never on screen). */
  const onlyActor = (entry: AuditEntryView) => {
    setActorError(null);
    setActorText('');
    apply({ ...filter, actor: entry.actor.openid, actorName: actorLine(entry.actor) });
  };

  return (
    <View id='audit-page' className='page'>
      <ChipGroup id='audit-kinds' className='wb-chips'>
        {ACTION_FILTERS.map((f) => (
          <Chip key={f.value} id={`audit-kind-${f.value}`} active={filter.action === f.value} onTap={() => f.value !== filter.action && apply({ ...filter, action: f.value })}>
            {f.label}
          </Chip>
        ))}
      </ChipGroup>

      <View className='panel wb-search'>
        <Input
          id='audit-actor-input'
          className='wb-search__input'
          type='text'
          confirmType='search'
          maxlength={128}
          placeholder='按操作人（微信账号）筛选'
          value={actorText}
          onInput={(e) => setActorText(e.detail.value)}
          onConfirm={() => applyActor(actorText)}
        />
        <Text id='audit-actor-apply' className='wb-link' onClick={() => applyActor(actorText)}>
          筛选
        </Text>
        {filter.actor ? (
          <Text id='audit-actor-clear' className='wb-link' onClick={() => applyActor('')}>
            清除
          </Text>
        ) : null}
      </View>
      {actorError ? (
        <View id='audit-actor-error' className='wb-error'>
          {actorError}
        </View>
      ) : null}
      {filter.actor ? (
        <View id='audit-actor-filter' className='muted wb-note'>
          只看 {filter.actorName || '所填操作人'} 的记录
        </View>
      ) : null}

      <View id='audit-list'>
        {list.items.map((entry) => (
          <AuditCard key={entry.id} entry={entry} onActor={onlyActor} />
        ))}
      </View>

      {list.error ? (
        <View className='list-error'>
          <View id='audit-error'>{list.error}</View>
          <Button size='small' fill='outline' onClick={() => void load(filter)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {list.loading ? <View className='list-status muted'>正在加载…</View> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <View id='audit-empty' className='list-status muted'>
          没有符合条件的操作记录
        </View>
      ) : null}
      {!list.loading && list.nextCursor ? (
        <View id='audit-more' className='load-more' onClick={loadMore}>
          加载更多
        </View>
      ) : null}
      {!list.loading && !list.error && list.items.length > 0 && !list.nextCursor ? (
        <View id='audit-end' className='list-status muted'>
          没有更早的记录了
        </View>
      ) : null}
    </View>
  );
}
