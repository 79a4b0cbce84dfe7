import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';

export interface MerchantItem extends Item {
  id: string;
  name: string;
}

export const MerchantModel = dynamoose.model<MerchantItem>(
  'merchants',
  new dynamoose.Schema({
    id: { type: String, hashKey: true },
    name: { type: String, required: true },
  }),
);
