import type { CardCheckStore } from '../services/ports';
import { CardCheckModel } from './models/card-check';
import { roleCodec } from './role-codec';

export const cardCheckStore: CardCheckStore = {
  async record({ cardNumber, jti, checkedBy, role, at }) {
    await CardCheckModel.create({
      cardNumber,
      checkedAt: `${at.toISOString()}#${jti}`,
      jti,
      checkedBy,
      role: roleCodec.encode(role),
    });
  },
  async listFor(cardNumber) {
    const items = await CardCheckModel.query('cardNumber').eq(cardNumber).sort('descending').limit(50).exec();
    return items.flatMap((item) => {
      const role = roleCodec.decode(item.role);
      return role ? [{ cardNumber: item.cardNumber, jti: item.jti, checkedBy: item.checkedBy, role, at: new Date(item.checkedAt.split('#')[0] as string) }] : [];
    });
  },
};
