import { payoutStore } from '../data/payout-store';
import { productionDeps } from './deps';
import type { PayoutDeps } from './payouts';
import type { Deps } from './ports';

/** The applications' production side effects plus the payout store (补贴发放's endpoints). */
export async function payoutDeps(): Promise<PayoutDeps & Pick<Deps, 'proofs' | 'tokens'>> {
  return { ...(await productionDeps()), payouts: payoutStore };
}
