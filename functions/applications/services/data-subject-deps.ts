import { applicationsSubjectStore } from '../data/data-subject-store';
import { closeApplicationsOf, exportApplicationsData } from './data-subject';
import { productionDeps } from './deps';

/** Applications' part of a data subject's rights, wired to the real stores (functions/privacy/ composes it). */
export const applicationsDataSubject = {
  export: async (openid: string) => exportApplicationsData(await productionDeps(), openid),
  close: async (openid: string) => closeApplicationsOf({ ...(await productionDeps()), subjects: applicationsSubjectStore }, openid),
};
