import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** One labelled line of an application's panels (label left, value right). */
export function Row({ label, id, children }: { label: string; id?: string; children: ReactNode }) {
  return (
    <View className='app-row'>
      <Text className='app-row__label'>{label}</Text>
      <View id={id} className='app-row__value'>
        {children}
      </View>
    </View>
  );
}
