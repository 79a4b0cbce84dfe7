import { benefitPaidPlaces } from '../../benefits';
import { orgStore, rosterStore } from '../../membership';
import { orderStore } from '../data/order-store';
import { exportPaymentsData } from './data-subject';

/** Payments' part of the PIPL export, wired to the real stores (no WeChat Pay key is read). */
export const paymentsDataSubject = {
  export: (memberId: string) =>
    exportPaymentsData(
      {
        orders: (id) => orderStore.listForMember(id, 500),
        bans: async (id) => {
          const member = await rosterStore.get(id);
          const path = member ? ((await orgStore.getMany([member.orgId])).get(member.orgId)?.path ?? [member.orgId]) : [];
          return benefitPaidPlaces().bans(id, path);
        },
      },
      memberId,
    ),
};
