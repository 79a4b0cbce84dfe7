import { useEffect, useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MyDrawResponse, PublicDraw } from '../../../functions/draws/contracts/draws';
import { DRAW_STATUS_LABELS, howToVerify, outcomeLabel } from '../../components/draw/model';
import { getDraw, getMyDraw } from '../../services/draws';
import { readSession } from '../../services/session';
import '../draws.scss';

const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : '加载失败，请稍后再试');

/**
 * 抽签公示 (public, no log-in): the draw's status, committed hashes, tickets, seed, winners and waiting
 * list, how to check it oneself, and — for a signed-in member — their own tickets and outcomes.
 */
export default function DrawPage() {
  const [drawId, setDrawId] = useState('');
  const [draw, setDraw] = useState<PublicDraw | null>(null);
  const [mine, setMine] = useState<MyDrawResponse['me'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad((params: Record<string, string | undefined>) => setDrawId(decodeURIComponent(params.id ?? '')));
  useEffect(() => {
    if (!drawId) return;
    getDraw(drawId).then(
      (answer) => setDraw(answer.draw),
      (e: unknown) => setError(messageOf(e)),
    );
    if (readSession()) getMyDraw(drawId).then((answer) => setMine(answer.me), () => setMine(null));
  }, [drawId]);

  if (error) {
    return (
      <View id='draw-page' className='page'>
        <View id='draw-error' className='panel detail-error'>
          {error}
        </View>
      </View>
    );
  }
  if (!draw) {
    return (
      <View id='draw-page' className='page'>
        <View className='panel muted'>正在加载…</View>
      </View>
    );
  }
  const myTickets = new Set(mine?.tickets.map((t) => t.ticket) ?? []);
  const ticketClass = (t: string) => (myTickets.has(t) ? 'draw-ticket--mine' : '');

  return (
    <View id='draw-page' className='page'>
      <View className='panel'>
        <View className='panel__title'>{draw.kind === 'scheduled' ? '报名后统一抽签' : '答题即抽'}</View>
        <View className='detail-row'>
          <Text className='detail-row__label'>状态</Text>
          <Text id='draw-status' className='detail-row__value'>
            {DRAW_STATUS_LABELS[draw.status]}
          </Text>
        </View>
        <View className='detail-row'>
          <Text className='detail-row__label'>名额</Text>
          <Text id='draw-places' className='detail-row__value'>
            {Object.entries(draw.places)
              .map(([pool, n]) => `${pool === '*' ? '其余市县' : `地区 ${pool}`} ${n} 个`)
              .join('，')}
          </Text>
        </View>
        {draw.ticketsHash ? (
          <View className='detail-row'>
            <Text className='detail-row__label'>名单哈希</Text>
            <Text id='draw-hash' className='detail-row__value draw-hash'>
              {draw.ticketsHash}
            </Text>
          </View>
        ) : null}
        {draw.seedSource ? (
          <View className='detail-row'>
            <Text className='detail-row__label'>种子来源</Text>
            <Text className='detail-row__value'>{draw.seedSource}</Text>
          </View>
        ) : null}
        {draw.seed ? (
          <View className='detail-row'>
            <Text className='detail-row__label'>种子</Text>
            <Text id='draw-seed' className='detail-row__value draw-hash'>
              {draw.seed}
            </Text>
          </View>
        ) : null}
        {draw.days.map((d) => (
          <View key={d.day} className='detail-row' id={`draw-day-${d.day}`}>
            <Text className='detail-row__label'>{d.day}</Text>
            <View className='detail-row__value draw-hash'>
              <View>承诺值 {d.commitment}</View>
              <View>{d.secret ? `密钥 ${d.secret}` : '密钥于次日公布'}</View>
            </View>
          </View>
        ))}
      </View>

      {mine ? (
        <View id='draw-mine' className='panel'>
          <View className='panel__title'>我的签</View>
          {mine.tickets.length === 0 ? <Text className='muted'>您还没有签号</Text> : null}
          {mine.tickets.map((t) => (
            <View key={t.ticket} className='detail-row'>
              <Text className='detail-row__label draw-hash'>{t.ticket}</Text>
              <Text className='detail-row__value'>{outcomeLabel(t)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {draw.winners.length > 0 ? (
        <View id='draw-winners' className='panel'>
          <View className='panel__title'>中签（{draw.page?.winners ?? draw.winners.length}）</View>
          {draw.winners.map((t) => (
            <View key={t} className={`draw-hash ${ticketClass(t)}`}>
              {t}
            </View>
          ))}
        </View>
      ) : null}
      {draw.waitlist.length > 0 ? (
        <View id='draw-waitlist' className='panel'>
          <View className='panel__title'>候补（{draw.page?.waitlist ?? draw.waitlist.length}，按顺序）</View>
          {draw.waitlist.map((t, i) => (
            <View key={t} className={`draw-hash ${ticketClass(t)}`}>
              {i + 1}. {t}
            </View>
          ))}
        </View>
      ) : null}
      {draw.tickets.length > 0 ? (
        <View id='draw-tickets' className='panel'>
          <View className='panel__title'>全部签号（{draw.page?.tickets ?? draw.tickets.length}，按字符顺序{(draw.page?.pages ?? 1) > 1 ? `，此处列出前 ${draw.tickets.length} 个，完整名单分页公布，可用下方脚本逐页读取复核` : ''}）</View>
          {draw.tickets.map((t) => (
            <View key={t.ticket} className={`draw-hash ${ticketClass(t.ticket)}`}>
              {t.ticket} · {t.pool}
            </View>
          ))}
        </View>
      ) : null}

      <View id='draw-verify' className='panel'>
        <View className='panel__title'>如何自行验证</View>
        {howToVerify(draw).map((line, i) => (
          <View key={i} className='muted quiz-explanation'>
            {i + 1}. {line}
          </View>
        ))}
      </View>
    </View>
  );
}
