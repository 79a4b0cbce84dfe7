import { type PropsWithChildren } from 'react';
import { config as zodConfig } from 'zod/mini';
import './styles/nutui';
import './app.scss';

// WeChat forbids code generated at run time; keep zod on its interpreted path everywhere.
zodConfig({ jitless: true });

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
