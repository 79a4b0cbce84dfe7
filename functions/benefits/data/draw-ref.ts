import { dynamoose } from '../../kernel/data/client';
import type { TransactionItem } from '../../kernel/data/transactions';
import type { BenefitDrawRef } from '../domain/types';
import { BenefitModel } from './models/benefit';

const { Condition } = dynamoose;

/**
 * The transaction item that gives a draft benefit its draw (the draws capability writes it with the
 * draw itself): only while the benefit is a draft without a draw.
 */
export function attachDrawItem(benefitId: string, ref: BenefitDrawRef): TransactionItem {
  return BenefitModel.transaction.update(
    { id: benefitId },
    { $SET: { draw: JSON.stringify(ref) } },
    { condition: new Condition().where('status').eq('draft').and().where('draw').not().exists() },
  );
}
