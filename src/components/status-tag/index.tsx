import type { ReactNode } from 'react';
import { Tag } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * The colour role of a state (src/styles/tokens.scss): brand (open now, the main thing), progress
 * (in progress, waiting, upcoming), success (done, approved), danger (refused, overdue: red only
 * for what went wrong), info (a note), neutral (closed, ended, withdrawn).
 */
export type StatusTone = 'brand' | 'progress' | 'success' | 'danger' | 'info' | 'neutral';

export interface StatusTagProps {
  tone: StatusTone;
  children: ReactNode;
  id?: string;
  className?: string;
}

/** A state in a pill: never wraps, never shrinks (a narrow card ellipsises its title instead). */
export function StatusTag({ tone, children, id, className }: StatusTagProps) {
  return (
    <Tag id={id} className={`status-tag status-tag--${tone}${className ? ` ${className}` : ''}`} round>
      {children}
    </Tag>
  );
}

export default StatusTag;
