import { useEffect, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { onDisplayModeChange, readDisplayMode, type DisplayMode } from '../../services/display-mode';

/** The display mode (standard or 长辈版), following a switch made on another page. */
export function useDisplayMode(): DisplayMode {
  const [mode, setMode] = useState<DisplayMode>(readDisplayMode);
  useEffect(() => onDisplayModeChange(setMode), []);
  return mode;
}

export interface PageProps {
  id?: string;
  /** More classes beside `page` (a page's own layout). */
  className?: string;
  children?: ReactNode;
}

/**
 * The root of every page: the page background and padding, and the token set of the display mode
 * (`page--elder` carries 长辈版's sizes, src/styles/tokens.scss).
 */
export function Page({ id, className, children }: PageProps) {
  const mode = useDisplayMode();
  const classes = ['page', mode === 'elder' ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View id={id} className={classes}>
      {children}
    </View>
  );
}

export default Page;
