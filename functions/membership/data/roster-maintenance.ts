import type { IdCrypto } from '../../kernel/id-crypto';
import { isConditionFailure } from '../../kernel/data/transactions';
import { dynamoose } from '../../kernel/data/client';
import { MemberModel } from './models/member';

export interface ReencryptReport {
  scanned: number;
  reencrypted: number;
  /** Items changed by somebody else between the read and the write (run again to finish them). */
  skipped: number;
  /** Items under a key that is neither current nor listed as previous: left alone, to look into. */
  unknownKey: number;
}

/**
 * Moves every roster ID ciphertext that names an older key onto the current one (after a key
 * rotation: the new key is `id-encryption-key`, the old one listed in `id-encryption-previous-keys`).
 * A maintenance job, not a request path: it scans the members table page by page. Each item is
 * rewritten only if its ciphertext is still the one read, so it is safe to run beside live traffic
 * and to run again.
 */
export async function reencryptIds(crypto: IdCrypto, pageSize = 100): Promise<ReencryptReport> {
  const report: ReencryptReport = { scanned: 0, reencrypted: 0, skipped: 0, unknownKey: 0 };
  let lastKey: Record<string, unknown> | undefined;
  do {
    const scan = MemberModel.scan().attributes(['id', 'idCipher']).limit(pageSize);
    if (lastKey) scan.startAt(lastKey);
    const page = await scan.exec();
    for (const item of page) {
      report.scanned += 1;
      const keyId = crypto.keyIdOf(item.idCipher);
      if (keyId === crypto.currentKeyId) continue;
      if (!crypto.knowsKey(keyId)) {
        report.unknownKey += 1;
        continue;
      }
      const fresh = crypto.encrypt(crypto.decrypt(item.idCipher, item.id), item.id);
      try {
        await MemberModel.update(
          { id: item.id },
          { $SET: { idCipher: fresh } },
          { condition: new dynamoose.Condition().where('idCipher').eq(item.idCipher) },
        );
        report.reencrypted += 1;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        report.skipped += 1;
      }
    }
    lastKey = page.lastKey as Record<string, unknown> | undefined;
  } while (lastKey);
  return report;
}
