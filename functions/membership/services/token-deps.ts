import { tokensOnDemand } from '../../kernel/credentials';
import type { Tokens } from '../../kernel/tokens';

/**
 * The tokens for entry points of other capabilities (membership's index.ts). Nothing is read here:
 * each kind reads its own key on first use (kernel/credentials.ts), so a function that only checks
 * sessions needs session-secret alone.
 */
export function productionTokens(): Promise<Tokens> {
  return Promise.resolve(tokensOnDemand());
}
