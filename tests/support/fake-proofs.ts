import { keyListProblem, describeProblem } from '../../functions/applications/data/proof-store';
import { PROOF_MAX_BYTES } from '../../functions/applications/contracts/uploads';
import { AppError } from '../../functions/kernel/errors';
import { proofKeys } from '../../functions/applications/data/keys';
import type { ProofStore } from '../../functions/applications/services/ports';

/**
 * An in-memory ProofStore for unit tests: presign() "uploads" at once (the key then exists), verify()
 * applies the real key rules (count, shape, owner, duplicates) and refuses keys never presigned,
 * viewUrls() answers fake URLs. `uploaded` holds the keys presigned so far.
 */
export function fakeProofStore() {
  const uploaded = new Set<string>();
  let n = 0;
  const store: ProofStore = {
    async presign(openid, contentType) {
      n += 1;
      const key = proofKeys.proof(openid, `01J${String(n).padStart(23, '0')}`, contentType === 'image/png' ? 'png' : 'jpg');
      uploaded.add(key);
      return { url: 'https://proofs.example.test/', fields: { key }, key, maxBytes: PROOF_MAX_BYTES, expiresAt: '2099-01-01T00:00:00.000Z' };
    },
    async verify(openid, keys) {
      const problem = keyListProblem(openid, keys) ?? (() => {
        const index = keys.findIndex((k) => !uploaded.has(k));
        return index >= 0 ? { index, problem: 'missing' as const } : null;
      })();
      if (problem) {
        const message = describeProblem(problem.index, problem.problem);
        throw new AppError('PROOF_INVALID', { message, fields: { proofKeys: message } });
      }
    },
    async viewUrls(keys) {
      return keys.map((k) => `https://proofs.example.test/${k}?signed`);
    },
  };
  return { store, uploaded };
}
