import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A label and its value, one line of a staff page's panel (styles in staff.scss). */
export function InfoRow({ label, id, children }: { label: string; id?: string; children: ReactNode }) {
  return (
    <View className='staff-row'>
      <Text className='staff-row__label'>{label}</Text>
      <View id={id} className='staff-row__value'>
        {children}
      </View>
    </View>
  );
}
