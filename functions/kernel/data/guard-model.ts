import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from './client';

/** Uniqueness guards, sequence counters and rate-limit windows; keys come from keys.guardKeys. */
export interface GuardItem extends Item {
  key: string;
  owner?: string;
  n?: number;
  /** Epoch seconds; DynamoDB's TTL removes the item after it. */
  expiresAt?: number;
}

export const GuardModel = dynamoose.model<GuardItem>(
  'guards',
  new dynamoose.Schema({
    key: { type: String, hashKey: true },
    owner: String,
    n: Number,
    expiresAt: Number,
  }),
);
