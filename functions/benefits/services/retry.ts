import type { Pause } from './ports';

/**
 * Conflicts and throttling are retried this many times per request, with "full jitter" backoff
 * (a random pause up to min(cap, base · 2^n)), then the member gets BUSY (503, retryable).
 */
export const MAX_RETRIES = 6;
const BASE_MS = 15;
const CAP_MS = 400;

export function backoff(pause: Pause, retry: number): Promise<void> {
  return pause.sleep(pause.random() * Math.min(CAP_MS, BASE_MS * 2 ** retry));
}

export const realPause: Pause = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};
