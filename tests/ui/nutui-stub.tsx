import type { ReactNode } from 'react';

/**
 * NutUI's package entry for Node is its UMD bundle, which draws on a canvas at load (none in jsdom):
 * `vi.mock('@nutui/nutui-react-taro', () => import('./nutui-stub'))` gives a test plain elements.
 */
export const Button = ({ id, children, onClick, disabled }: { id?: string; children?: ReactNode; onClick?: () => void; disabled?: boolean }) => (
  <button type='button' id={id} onClick={onClick} disabled={disabled}>
    {children}
  </button>
);

export const Tag = ({ id, className, children }: { id?: string; className?: string; children?: ReactNode }) => (
  <span id={id} className={className}>
    {children}
  </span>
);

export const Switch = ({ id, checked }: { id?: string; checked?: boolean }) => <span id={id} role='switch' aria-checked={checked} />;
