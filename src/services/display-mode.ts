import Taro from '@tarojs/taro';

/**
 * 长辈版 (the large-text mode of MIIT's 适老化 rules) or the standard display, chosen on 我的 and
 * kept on the device (wx storage in WeChat, localStorage in H5).
 */
export type DisplayMode = 'standard' | 'elder';

const MODE_KEY = 'puhui.display-mode';
const MODE_CHANGED = 'puhui.display-mode.changed';

export function readDisplayMode(): DisplayMode {
  try {
    return Taro.getStorageSync(MODE_KEY) === 'elder' ? 'elder' : 'standard';
  } catch {
    return 'standard';
  }
}

/** 长辈版 is on: pages draw large and show no pop-up promotion. */
export const isElderMode = (): boolean => readDisplayMode() === 'elder';

/** Remembers the mode and tells every open page (the tab pages stay mounted). */
export function saveDisplayMode(mode: DisplayMode): void {
  Taro.setStorageSync(MODE_KEY, mode);
  Taro.eventCenter.trigger(MODE_CHANGED, mode);
}

export function onDisplayModeChange(listener: (mode: DisplayMode) => void): () => void {
  Taro.eventCenter.on(MODE_CHANGED, listener);
  return () => Taro.eventCenter.off(MODE_CHANGED, listener);
}
