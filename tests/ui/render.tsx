import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

/** Minimal React 18 mount for jsdom tests (no testing-library in the project). */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLElement;
  rerender: (element: ReactElement) => Promise<void>;
  unmount: () => Promise<void>;
}

export async function mount(element: ReactElement): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(element);
  });
  return {
    container,
    rerender: async (next) => {
      await act(async () => root!.render(next));
    },
    unmount: async () => {
      await act(async () => root!.unmount());
      container.remove();
    },
  };
}

/** Let pending promises and React updates settle. */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
