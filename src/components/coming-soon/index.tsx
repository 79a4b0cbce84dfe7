import { Text, View } from '@tarojs/components';

export interface ComingSoonProps {
  id: string;
  title: string;
  summary: string;
  items: ReadonlyArray<{ title: string; detail: string }>;
}

/** A tab whose features are not built yet: says plainly what is coming. */
export function ComingSoon({ id, title, summary, items }: ComingSoonProps) {
  return (
    <View id={id} className='page'>
      <View className='panel placeholder'>
        <View className='placeholder__title'>{title}</View>
        <Text className='muted'>{summary}</Text>
        <View className='placeholder__list'>
          {items.map((item) => (
            <View key={item.title} className='placeholder__item'>
              <View>{item.title}</View>
              <Text className='muted'>{item.detail}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}

export default ComingSoon;
