import type { Item } from 'dynamoose/dist/Item';
import type { ModelType } from 'dynamoose/dist/General';

const BATCH_GET_LIMIT = 100;
const UNPROCESSED_ROUNDS = 5;

/**
 * BatchGetItem over any number of keys: 100 per call, unprocessed keys asked again a few times
 * (DynamoDB returns them when throttled or over 16 MB).
 */
export async function batchGetAll<T extends Item>(
  model: ModelType<T>,
  keys: Array<Record<string, string>>,
  consistent = false,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= UNPROCESSED_ROUNDS) throw new Error(`batchGet left ${pending.length} keys unprocessed`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      const found = await model.batchGet(pending, { consistent });
      out.push(...found);
      pending = (found.unprocessedKeys as unknown as Array<Record<string, string>>) ?? [];
    }
  }
  return out;
}
