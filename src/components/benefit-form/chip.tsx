import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './chip.scss';

/** A tappable choice (category, merchant, org, region) that shows whether it is chosen. */
export function Chip({ id, active, children, onTap }: { id?: string; active: boolean; children: ReactNode; onTap: () => void }) {
  return (
    <View id={id} className={`benefit-chip${active ? ' benefit-chip--active' : ''}`} aria-checked={active} onClick={onTap}>
      {children}
    </View>
  );
}

export function ChipGroup({ id, className = '', children }: { id?: string; className?: string; children: ReactNode }) {
  return (
    <View id={id} className={`benefit-chips ${className}`}>
      {children}
    </View>
  );
}
