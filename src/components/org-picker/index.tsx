import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { orgSearchQuery, type OrgSearchResponse } from '../../../functions/applications/contracts/applications';
import { searchOrgs } from '../../services/applications';
import './index.scss';

export type OrgChoice = OrgSearchResponse['items'][number];

export interface OrgPickerProps {
  /** Prefix of the ids of the field, its options (`<id>-option-<orgId>`) and its parts. */
  id: string;
  selected: OrgChoice | null;
  onSelect: (org: OrgChoice | null) => void;
  placeholder?: string;
  /** A union that cannot be chosen (the member's own), shown with `disabledNote`. */
  disabledId?: string;
  disabledNote?: string;
  /** Wait this long after the last keystroke before asking the API. */
  debounceMs?: number;
}

type Search = { kind: 'idle' } | { kind: 'searching' } | { kind: 'done'; items: OrgChoice[] } | { kind: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '查询失败，请稍后再试';
}

/**
 * A grassroots union chosen by searching its name, work unit or abbreviation (`GET /api/orgs?q=`):
 * results appear as the member types, each with the federation above it; one tap chooses.
 */
export function OrgPicker({ id, selected, onSelect, placeholder = '输入工会或工作单位名称搜索', disabledId, disabledNote = '', debounceMs = 300 }: OrgPickerProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Answers to an older query are dropped. */
  const sequence = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  const run = async (query: string) => {
    clearTimeout(timer.current);
    const mine = (sequence.current += 1);
    if (query.trim() === '') {
      setSearch({ kind: 'idle' });
      return;
    }
    const checked = orgSearchQuery.safeParse({ q: query });
    if (!checked.success) {
      setSearch({ kind: 'error', message: checked.error.issues[0]?.message ?? '请换个关键词' });
      return;
    }
    setSearch({ kind: 'searching' });
    try {
      const { items } = await searchOrgs(checked.data);
      if (mine === sequence.current) setSearch({ kind: 'done', items });
    } catch (error) {
      if (mine === sequence.current) setSearch({ kind: 'error', message: messageOf(error) });
    }
  };

  const type = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(value), debounceMs);
  };

  const choose = (org: OrgChoice) => {
    if (org.id === disabledId) return;
    sequence.current += 1;
    setSearch({ kind: 'idle' });
    setText('');
    onSelect(org);
  };

  // Distinct keys: React replaces the whole subtree instead of reusing a Text that had a tap handler as
  // one without (Taro's mini-program runtime then looks for a template the build did not emit).
  if (selected) {
    return (
      <View key='chosen' id={id} className='org-picker org-picker--chosen' data-org={selected.id}>
        <View className='org-picker__chosen'>
          <View id={`${id}-chosen`} className='org-picker__name'>
            {selected.name}
          </View>
          {selected.parent ? <Text className='org-picker__meta'>{selected.parent.name}</Text> : null}
        </View>
        <Text id={`${id}-change`} className='org-picker__link' onClick={() => onSelect(null)}>
          更换
        </Text>
      </View>
    );
  }

  return (
    <View key='search' id={id} className='org-picker'>
      <View className='org-picker__search'>
        <Input
          id={`${id}-input`}
          className='org-picker__input'
          type='text'
          confirmType='search'
          maxlength={30}
          placeholder={placeholder}
          value={text}
          onInput={(e) => type(e.detail.value)}
          onConfirm={() => void run(text)}
        />
        <Text id={`${id}-search`} className='org-picker__link' onClick={() => void run(text)}>
          搜索
        </Text>
      </View>
      {search.kind === 'searching' ? <View className='org-picker__status muted'>正在查找…</View> : null}
      {search.kind === 'error' ? (
        <View id={`${id}-error`} className='org-picker__status org-picker__status--error'>
          {search.message}
        </View>
      ) : null}
      {search.kind === 'done' && search.items.length === 0 ? (
        <View id={`${id}-none`} className='org-picker__status muted'>
          没有找到名称含“{text.trim()}”的基层工会，换个关键词试试
        </View>
      ) : null}
      {search.kind === 'done' && search.items.length > 0 ? (
        <View id={`${id}-options`} className='org-picker__options'>
          {search.items.map((org) => {
            const disabled = org.id === disabledId;
            return (
              <View
                key={org.id}
                id={`${id}-option-${org.id}`}
                className={`org-picker__option${disabled ? ' org-picker__option--disabled' : ''}`}
                data-org={org.id}
                onClick={() => choose(org)}
              >
                <View className='org-picker__name'>{org.name}</View>
                <Text className='org-picker__meta'>
                  {[org.parent?.name, disabled ? disabledNote : ''].filter(Boolean).join(' · ')}
                </Text>
              </View>
            );
          })}
        </View>
      ) : null}
    </View>
  );
}

export default OrgPicker;
