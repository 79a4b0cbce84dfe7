import { type PropsWithChildren } from 'react';
import { mergeInternalComponents } from '@tarojs/shared';
import { config as zodConfig } from 'zod/mini';
import { ARIA_ATTRIBUTES } from './accessibility';
import './styles/nutui';
import './app.scss';

// WeChat forbids code generated at run time; keep zod on its interpreted path everywhere.
zodConfig({ jitless: true });

// The labels screen readers read, mapped to the template slots the build gave them (before any
// page renders: the runtime reads its attribute map once, at the first render).
if (process.env.TARO_ENV !== 'h5') mergeInternalComponents(ARIA_ATTRIBUTES);

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
