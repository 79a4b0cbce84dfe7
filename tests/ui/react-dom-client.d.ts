// Stop-gap until @types/react-dom is a devDependency: the two calls tests/ui/render.tsx makes.
// Delete this file once `@types/react-dom` is installed.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}
