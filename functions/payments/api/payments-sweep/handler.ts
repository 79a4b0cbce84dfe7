import { productionDeps } from '../../services/deps';
import { runSweep } from '../../services/settle';

/**
 * The scheduled run (serverless.yml: paymentsSweep, every minute): places past their deadline
 * (query, close, release, the waiting list), orders and refunds whose notification never came
 * (reconciliation), paid codes past their end (bans). Locally `npm start` runs it every minute.
 */
export async function handler() {
  return runSweep(await productionDeps());
}
