import type { MeResponse } from '../../functions/membership/contracts/me';

/** A bound, active member as GET /api/me answers for them (邢志强 of 儋州), shared by the page tests. */
export const MEMBER: MeResponse = {
  roles: [{ type: 'member' }],
  member: {
    id: 'mem-1',
    name: '邢志强',
    sex: 'male',
    idNumberMasked: '46**************17',
    phoneMasked: '138****5678',
    union: { id: 'org-g', name: '儋州市那大镇工会' },
    unionPath: [{ id: 'org-hainan', name: '海南省总工会' }],
    status: 'active',
    leftOn: null,
    card: { number: '460410100000123', issuedAt: '2024-03-01T08:00:00.000Z' },
  },
};
