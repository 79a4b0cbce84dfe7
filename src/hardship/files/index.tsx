import { useEffect, useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  HARDSHIP_CATEGORIES,
  HARDSHIP_CATEGORY_LABELS,
  HARDSHIP_CAUSE_LABELS,
  type FileListQuery,
  type HardshipCategory,
} from '../../../functions/hardship/contracts/hardship';
import { Chip, ChipGroup } from '../../components/benefit-form/chip';
import { messageOf, PageState } from '../../components/page-state';
import { PagedList, usePagedList } from '../../components/paged-list';
import { Page } from '../../components/page';
import { StatusTag } from '../../components/status-tag';
import { exportFiles, listFiles } from '../../services/hardship';
import { chinaDate } from '../model';
import { CategoryTag } from '../parts';
import { saveCsv } from '../save';
import '../hardship.scss';

type Filter = { q: string; category: HardshipCategory | ''; status: 'active' | 'closed'; due: boolean };

/** One page of the subtree's files under a filter; the API pages by cursor (50 a page). */
const fetchFiles = (f: Filter, cursor?: string) => {
  const params: FileListQuery = {
    status: f.status,
    ...(f.q.trim() !== '' && { q: f.q.trim() }),
    ...(f.category !== '' && { category: f.category }),
    ...(f.due && { due: '1' as const }),
    ...(cursor && { cursor }),
  };
  return listFiles(params);
};

/**
 * 困难职工档案 (一户一档) for a 帮扶 official: the files of their subtree, searched by name or the last
 * four of an ID number, by category, open or closed, or only those due for the yearly re-check;
 * 导出 writes the national system's layout (CSV, ID numbers masked). Every list read is audited.
 */
export default function HardshipFiles() {
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>({ q: '', category: '', status: 'active', due: false });
  const [note, setNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const { list, load } = usePagedList(fetchFiles);
  useEffect(() => void load({ q: '', category: '', status: 'active', due: false }), [load]);
  const loadMore = () => {
    if (list.nextCursor && !list.loading) void load(filter, list.nextCursor);
  };
  useReachBottom(loadMore);

  const refilter = (patch: Partial<Filter>) => {
    const next = { ...filter, q, ...patch };
    setFilter(next);
    void load(next);
  };

  const exportAll = async () => {
    setExporting(true);
    setNote(null);
    try {
      const answer = await exportFiles();
      const how = await saveCsv(answer.fileName, answer.csv);
      setNote({ tone: 'ok', text: `已导出 ${answer.rows} 户（${answer.fileName}）${how === 'saved' ? '，文件已保存在小程序中' : ''}` });
    } catch (e) {
      setNote({ tone: 'error', text: messageOf(e, '导出失败，请稍后再试') });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page id='hardship-files-page'>
      <View className='panel'>
        <View className='hardship-search'>
          <Input
            id='hardship-files-q'
            className='hardship-search__input'
            maxlength={30}
            placeholder='姓名或身份证后四位'
            value={q}
            confirmType='search'
            onInput={(e) => setQ(e.detail.value)}
            onConfirm={() => refilter({})}
          />
          <Button id='hardship-files-search' type='primary' size='small' onClick={() => refilter({})}>
            搜索
          </Button>
        </View>
        <ChipGroup id='hardship-files-category'>
          <Chip id='hardship-files-category-all' active={filter.category === ''} onTap={() => refilter({ category: '' })}>
            全部类别
          </Chip>
          {HARDSHIP_CATEGORIES.map((c) => (
            <Chip key={c} id={`hardship-files-category-${c}`} active={filter.category === c} onTap={() => refilter({ category: c })}>
              {HARDSHIP_CATEGORY_LABELS[c]}
            </Chip>
          ))}
        </ChipGroup>
        <ChipGroup id='hardship-files-status'>
          <Chip id='hardship-files-status-active' active={filter.status === 'active' && !filter.due} onTap={() => refilter({ status: 'active', due: false })}>
            在档
          </Chip>
          <Chip id='hardship-files-due' active={filter.due} onTap={() => refilter({ status: 'active', due: !filter.due })}>
            待年度复核
          </Chip>
          <Chip id='hardship-files-status-closed' active={filter.status === 'closed'} onTap={() => refilter({ status: 'closed', due: false })}>
            已销档
          </Chip>
        </ChipGroup>
      </View>

      {list.unauthenticated ? (
        <PageState id='hardship-files' gate={{ kind: 'anonymous' }} onRetry={() => void load(filter)} inline />
      ) : (
        <View className='panel'>
          <PagedList
            id='hardship-files'
            listId='hardship-files-list'
            list={list}
            emptyText={filter.q.trim() !== '' ? '没有找到符合条件的档案' : '暂无档案'}
            onRetry={() => void load(filter)}
            onMore={loadMore}
            renderItem={(f) => (
              <View key={f.id} id={`hardship-file-${f.id}`} className='hardship-list-item' onClick={() => void Taro.navigateTo({ url: `/hardship/file/index?id=${encodeURIComponent(f.id)}` })}>
                <View className='hardship-list-item__head'>
                  <Text>
                    {f.headName} <Text className='muted'>{f.headIdMasked}</Text>
                  </Text>
                  <CategoryTag category={f.category} />
                </View>
                <View className='muted'>
                  {f.number} · {f.org.name} · {HARDSHIP_CAUSE_LABELS[f.mainCause]}
                </View>
                <View className='muted'>
                  {f.status === 'closed' ? '已销档' : `复核期限 ${chinaDate(f.recheckDue)}`}
                  {f.recheckOverdue && f.status === 'active' ? <StatusTag tone='danger'>复核已超期</StatusTag> : null}
                  {f.spotCheckYear ? <StatusTag tone='info'>{f.spotCheckYear}年抽查</StatusTag> : null}
                </View>
              </View>
            )}
          />
        </View>
      )}

      {note ? (
        <View id='hardship-files-note' className={`app-message app-message--${note.tone}`}>
          {note.text}
        </View>
      ) : null}
      <View className='hardship-actions'>
        <Button id='hardship-files-export' fill='outline' block loading={exporting} onClick={() => void exportAll()}>
          导出档案（全国帮扶系统格式）
        </Button>
        <Button id='hardship-files-standards' fill='outline' block onClick={() => void Taro.navigateTo({ url: '/hardship/standards/index' })}>
          各市县低保标准
        </Button>
      </View>
    </Page>
  );
}
