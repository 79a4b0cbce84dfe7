import type { IdCrypto } from '../../kernel/id-crypto';
import { isConditionFailure } from '../../kernel/data/transactions';
import { dynamoose } from '../../kernel/data/client';
import { GuardModel } from '../../kernel/data/guard-model';
import { rosterGuardKeys } from './keys';
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

export interface BackfillReport {
  scanned: number;
  /** ID guards written now. */
  written: number;
  /** Members whose ID number another member's guard holds: two roster entries for one person (left alone, to look into). */
  conflicts: string[];
  /** Whether the `member#id#complete` mark was written (every member scanned has its guard). */
  complete: boolean;
}

/**
 * Gives every member the ID guard (`member#id#<hash>` → member id) that members created before it
 * existed lack; the writers of new members write it themselves. Put only if absent (or already
 * this member's), so it is safe beside live traffic and to run again. When no member conflicts, it
 * ends by writing the `member#id#complete` mark, which tells the roster import that a look-up by ID
 * number may read the guards alone (roster-import-store.ts › `when-backfilled`).
 */
export async function backfillIdGuards(options: { pageSize?: number; inFlight?: number } = {}): Promise<BackfillReport> {
  const { pageSize = 500, inFlight = 16 } = options;
  const report: BackfillReport = { scanned: 0, written: 0, conflicts: [], complete: false };
  let lastKey: Record<string, unknown> | undefined;
  do {
    const scan = MemberModel.scan().attributes(['id', 'idHash']).limit(pageSize);
    if (lastKey) scan.startAt(lastKey);
    const page = await scan.exec();
    const items = [...page];
    report.scanned += items.length;
    let next = 0;
    const lane = async () => {
      for (let item = items[next++]; item; item = items[next++]) {
        const key = rosterGuardKeys.memberByIdHash(item.idHash);
        try {
          await GuardModel.create({ key, owner: item.id }, { overwrite: false });
          report.written += 1;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
          const guard = await GuardModel.get({ key }, { consistent: true });
          if (guard?.owner !== item.id) report.conflicts.push(item.id);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    lastKey = page.lastKey as Record<string, unknown> | undefined;
  } while (lastKey);
  if (report.conflicts.length === 0) {
    try {
      await GuardModel.create({ key: rosterGuardKeys.idGuardsComplete, owner: 'backfill' }, { overwrite: false });
    } catch (err) {
      if (!isConditionFailure(err)) throw err; // marked by an earlier run
    }
    report.complete = true;
  }
  return report;
}
