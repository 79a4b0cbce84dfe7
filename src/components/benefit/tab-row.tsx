import { Tabs } from '@nutui/nutui-react-taro';
import './index.scss';

export interface TabRowProps<T extends string> {
  id: string;
  value: T;
  tabs: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  /** Share the width evenly (a few short titles) instead of sizing each title to its text. */
  spread?: boolean;
}

/**
 * A row of NutUI tab titles that filters the list below it (the list lives outside the tabs, so
 * the panes stay empty and hidden).
 */
export function TabRow<T extends string>({ id, value, tabs, onChange, spread = false }: TabRowProps<T>) {
  return (
    <Tabs
      id={id}
      className={`tab-row${spread ? ' tab-row--spread' : ''}`}
      value={value}
      align='left'
      activeType='line'
      onChange={(next) => onChange(String(next) as T)}
    >
      {tabs.map((tab) => (
        <Tabs.TabPane key={tab.value} value={tab.value} title={tab.label} />
      ))}
    </Tabs>
  );
}

export default TabRow;
