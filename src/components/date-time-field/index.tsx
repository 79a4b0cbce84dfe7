import { Picker, View } from '@tarojs/components';
import './index.scss';

export interface DateTimeFieldProps {
  /** `<id>-date`, `<id>-time` (the two pickers) and `<id>-now` (the shortcut) are found by tests. */
  id: string;
  /** "2026-05-01 10:00" (Beijing time) or '' when nothing is chosen yet. */
  value: string;
  onChange: (value: string) => void;
  /** Offers 现在 (this minute, in Beijing time): for a window that opens at once. */
  allowNow?: boolean;
  /** Earliest date offered, YYYY-MM-DD. */
  start?: string;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** This minute in Beijing time as the field holds it: "2026-05-01 10:07". */
export function beijingNow(now: number = Date.now()): string {
  const d = new Date(now + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2026-05-01 10:00" → ["2026-05-01", "10:00"]; a part not chosen yet is ''. */
export function splitDateTime(value: string): [string, string] {
  const [date = '', time = ''] = value.trim().split(/\s+/);
  return [/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '', /^\d{2}:\d{2}$/.test(time) ? time : ''];
}

/**
 * A date and a time chosen with the system's pickers (Taro Picker, mode date and time: WeChat's own
 * wheels), never typed; the value stays the text the forms check ("2026-05-01 10:00", Beijing time).
 */
export function DateTimeField({ id, value, onChange, allowNow = false, start }: DateTimeFieldProps) {
  const [date, time] = splitDateTime(value);
  return (
    <View id={id} className='date-time-field'>
      <Picker id={`${id}-date`} mode='date' value={date} start={start} onChange={(e) => onChange(`${String(e.detail.value)} ${time || '00:00'}`)}>
        <View className={`date-time-field__part${date ? '' : ' date-time-field__part--empty'}`} aria-label={`日期：${date || '未选择'}`}>
          {date || '选择日期'}
        </View>
      </Picker>
      <Picker id={`${id}-time`} mode='time' value={time} onChange={(e) => onChange(`${date || beijingNow().slice(0, 10)} ${String(e.detail.value)}`)}>
        <View className={`date-time-field__part${time ? '' : ' date-time-field__part--empty'}`} aria-label={`时间：${time || '未选择'}`}>
          {time || '选择时间'}
        </View>
      </Picker>
      {allowNow ? (
        <View id={`${id}-now`} className='date-time-field__now' role='button' aria-label='设为现在' onClick={() => onChange(beijingNow())}>
          现在
        </View>
      ) : null}
    </View>
  );
}

export default DateTimeField;
