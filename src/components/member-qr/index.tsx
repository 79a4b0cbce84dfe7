import { memo, useMemo } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { qrRows } from './matrix';
import './index.scss';

export interface MemberQrProps {
  /** The text to encode (the signed, short-lived card payload). */
  payload: string;
  /** Target width of the code in CSS px; the module size is rounded down to whole px. */
  sizePx?: number;
  /**
   * CSS px the code leaves free across the screen (the page's and its panel's padding): on a narrow
   * phone (320 px) the code shrinks to fit instead of running off the screen.
   */
  insetPx?: number;
  /** The text alternative a screen reader says instead of the dots (会员码二维码，会员卡号 …). */
  label?: string;
  id?: string;
}

/** The window's width in CSS px (375 when it cannot be read). */
function windowWidth(): number {
  try {
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return info.windowWidth > 0 ? info.windowWidth : 375;
  } catch {
    return 375;
  }
}

/** Quiet zone around the code, in modules (the QR standard asks for 4). */
const QUIET_MODULES = 4;

/**
 * A QR code drawn with plain Views (no canvas), so it renders the same in WeChat and in H5.
 * Each row is a View; each dark run in it is one absolutely placed View.
 */
function MemberQrView({ payload, sizePx = 290, insetPx = 64, label, id = 'card-qr' }: MemberQrProps) {
  const { size, rows } = useMemo(() => qrRows(payload), [payload]);
  const width = Math.min(sizePx, windowWidth() - insetPx);
  const cell = Math.max(2, Math.floor(width / (size + QUIET_MODULES * 2)));
  const quiet = cell * QUIET_MODULES;
  const side = cell * size;

  return (
    <View
      id={id}
      className='member-qr'
      role={label ? 'img' : undefined}
      aria-label={label}
      data-modules={size}
      data-cell={cell}
      style={{ padding: `${quiet}px`, width: `${side}px`, height: `${side}px` }}
    >
      {rows.map((runs, r) => (
        <View
          key={r}
          className='member-qr__row'
          style={{ top: `${quiet + r * cell}px`, left: `${quiet}px`, width: `${side}px`, height: `${cell}px` }}
        >
          {runs.map((run) => (
            <View
              key={run.start}
              className='member-qr__run'
              style={{ left: `${run.start * cell}px`, width: `${run.length * cell}px`, height: `${cell}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}

export const MemberQr = memo(MemberQrView);
export default MemberQr;
