import { randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import { attachDrawItem, benefitDrawPlaces } from '../../benefits';
import { tokensOnDemand } from '../../kernel/credentials';
import { accountStore, orgStore } from '../../membership';
import { bankStore, drawStore } from '../data/draw-store';
import type { Deps } from './ports';

/** A uniform number in [0, 1) from the system's CSPRNG: which questions an attempt draws. */
const secureRandom = () => randomInt(2 ** 47) / 2 ** 47;

let deps: (Deps & { tokens: ReturnType<typeof tokensOnDemand> }) | undefined;

/** The real side effects of the draws use cases, built once per container. */
export async function productionDeps() {
  deps ??= {
    accounts: accountStore,
    orgs: orgStore,
    banks: bankStore,
    draws: drawStore,
    places: benefitDrawPlaces,
    attachDrawItem,
    newId: ulid,
    random: secureRandom,
    now: () => new Date(),
    tokens: tokensOnDemand(),
  };
  return deps;
}
