import { putMemberNotice } from '../../applications';
import { benefitDrawPlaces, benefitPaidPlaces } from '../../benefits';
import { drawWaitlist } from '../../draws';
import { accountStore, orgStore, rosterStore } from '../../membership';
import { tokensOnDemand } from '../../kernel/credentials';
import { orderStore } from '../data/order-store';
import { productionGateway } from './gateway';
import type { Deps } from './ports';

let deps: (Deps & { tokens: ReturnType<typeof tokensOnDemand> }) | undefined;

/** The real side effects of the payments use cases, built once per container. */
export async function productionDeps() {
  deps ??= {
    accounts: accountStore,
    orgs: orgStore,
    roster: rosterStore,
    orders: orderStore,
    places: benefitPaidPlaces(),
    benefit: (id) => benefitDrawPlaces.benefit(id),
    waitlist: drawWaitlist,
    tell: putMemberNotice,
    pay: productionGateway,
    now: () => new Date(),
    tokens: tokensOnDemand(),
  };
  return deps;
}
