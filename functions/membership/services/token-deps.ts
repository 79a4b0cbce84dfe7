import { secrets } from '../../kernel/config';
import { createTokens, type Tokens } from '../../kernel/tokens';

let tokensPromise: Promise<Tokens> | undefined;

/** Session and card tokens alone, for entry points that need no database (built once per container). */
export function productionTokens(): Promise<Tokens> {
  tokensPromise ??= secrets().then((s) => createTokens(s.sessionSecret, s.cardSigningKey));
  tokensPromise.catch(() => {
    tokensPromise = undefined;
  });
  return tokensPromise;
}
