import type { Benefit } from '../domain/types';
import { productionDeps } from './deps';
import { drawEntrant, placeStates, reservePlace } from './draw-places';

/** The benefits' side of a draw (functions/draws), wired to the real stores. */
export const benefitDrawPlaces = {
  benefit: async (id: string) => (await productionDeps()).benefits.get(id),
  entrant: async (openid: string, benefit: Benefit) => drawEntrant(await productionDeps(), openid, benefit),
  reserve: async (place: Parameters<typeof reservePlace>[1]) => reservePlace(await productionDeps(), place),
  states: async (couponIds: readonly string[]) => placeStates(await productionDeps(), couponIds),
};
export type BenefitDrawPlaces = typeof benefitDrawPlaces;
