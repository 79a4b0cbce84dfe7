import Taro from '@tarojs/taro';

/** The brand red of src/styles/tokens.scss (a native dialog reads no CSS variable). */
export const BRAND_COLOR = '#c8161d';
/** The danger red of src/styles/tokens.scss: the confirm button of an action that cannot be undone. */
export const DANGER_COLOR = '#cf1322';

export interface ConfirmOptions {
  title: string;
  content: string;
  confirmText?: string;
  cancelText?: string;
  /** The action destroys or refuses something: its button in the danger colour. */
  danger?: boolean;
}

/**
 * Asks before an action that changes something: WeChat's own dialog (large system text, read by the
 * screen reader, the same in 长辈版), our colours and words. Resolves true when confirmed.
 */
export async function confirmSheet({ title, content, confirmText = '确定', cancelText = '取消', danger = false }: ConfirmOptions): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title,
    content,
    confirmText,
    cancelText,
    confirmColor: danger ? DANGER_COLOR : BRAND_COLOR,
  });
  return confirm;
}

/** Tells why an action did not go through, with one button. */
export async function noticeSheet(title: string, content: string): Promise<void> {
  await Taro.showModal({ title, content, showCancel: false, confirmColor: BRAND_COLOR });
}
