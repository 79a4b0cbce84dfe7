import { merchantStore } from '../../membership';
import { benefitsSubjectStore } from '../data/data-subject-store';
import { exportBenefitsData, voidUnusedCoupons } from './data-subject';

const deps = { merchants: merchantStore, subjects: benefitsSubjectStore, now: () => new Date() };

/** Benefits' part of a data subject's rights, wired to the real stores (functions/privacy/ composes it). */
export const benefitsDataSubject = {
  export: (memberId: string) => exportBenefitsData(deps, memberId),
  voidUnused: (memberId: string) => voidUnusedCoupons(deps, memberId),
};
