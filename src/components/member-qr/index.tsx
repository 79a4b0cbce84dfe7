import { memo, useMemo } from 'react';
import { View } from '@tarojs/components';
import { qrRows } from './matrix';
import './index.scss';

export interface MemberQrProps {
  /** The text to encode (the signed, short-lived card payload). */
  payload: string;
  /** Target width of the code in CSS px; the module size is rounded down to whole px. */
  sizePx?: number;
  id?: string;
}

/** Quiet zone around the code, in modules (the QR standard asks for 4). */
const QUIET_MODULES = 4;

/**
 * A QR code drawn with plain Views (no canvas), so it renders the same in WeChat and in H5.
 * Each row is a View; each dark run in it is one absolutely placed View.
 */
function MemberQrView({ payload, sizePx = 290, id = 'card-qr' }: MemberQrProps) {
  const { size, rows } = useMemo(() => qrRows(payload), [payload]);
  const cell = Math.max(2, Math.floor(sizePx / (size + QUIET_MODULES * 2)));
  const quiet = cell * QUIET_MODULES;
  const side = cell * size;

  return (
    <View
      id={id}
      className='member-qr'
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
