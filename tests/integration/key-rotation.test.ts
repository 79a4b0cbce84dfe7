import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdCrypto } from '../../functions/kernel/id-crypto';
import type { Deps } from '../../functions/membership/services/ports';
import { makeIdNumber, makePhone } from '../support/ids';
import { integrationSetup, type TestTree } from './context';

let deps: Deps;
let tree: TestTree;

beforeAll(async () => {
  ({ deps, tree } = await integrationSetup('rot', '05'));
});

describe('ID encryption key rotation', () => {
  it('re-encrypts every roster ciphertext under the new key, after which the old key is no longer needed', async () => {
    const { reencryptIds } = await import('../../functions/membership/data/roster-maintenance');
    const { MemberModel } = await import('../../functions/membership/data/models/member');
    const { idHashKey } = JSON.parse(readFileSync(inject('secretsFile'), 'utf8')) as { idHashKey: string };
    // Keys of this test's own (the other test files' members stay under the stack's key, unknown here).
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = createIdCrypto({ encryptionKey: oldKey, hashKey: idHashKey });
    const rotated = createIdCrypto({ encryptionKey: newKey, previousEncryptionKeys: [oldKey], hashKey: idHashKey });
    const newOnly = createIdCrypto({ encryptionKey: newKey, hashKey: idHashKey });

    const members = [];
    for (let i = 0; i < 3; i += 1) {
      const entry = { name: '轮换测试', idNumber: makeIdNumber(), phone: makePhone(), orgId: tree.union.id };
      const { id } = await deps.roster.createIfAbsent(entry, before, new Date());
      members.push({ ...entry, id });
    }
    const cipherOf = async (id: string) => (await MemberModel.get({ id }, { consistent: true })).idCipher;
    for (const m of members) expect(() => newOnly.decrypt(cipherOf(m.id) as never, m.id)).toThrow();

    const first = await reencryptIds(rotated, 50); // pages of 50: the table holds every test file's members
    expect(first.reencrypted).toBe(members.length);
    expect(first.unknownKey).toBeGreaterThanOrEqual(0);
    for (const m of members) {
      const cipher = await cipherOf(m.id);
      expect(newOnly.keyIdOf(cipher)).toBe(newOnly.currentKeyId);
      expect(newOnly.decrypt(cipher, m.id)).toBe(m.idNumber);
    }
    // Still found by the same keyed hash: the hash key does not rotate with it.
    expect(await deps.roster.findIdByIdHash(newOnly.hash(members[0]!.idNumber))).toBe(members[0]!.id);
    // A second run has nothing left to do.
    expect((await reencryptIds(rotated)).reencrypted).toBe(0);
  }, 90_000);
});
