import type { AuditStore } from '../data/audit-store';
import type { Tokens } from '../../kernel/tokens';
import type { AccountStore, OrgStore } from '../../membership';

/** The side effects of the audit trail's use case. Production wiring: deps.ts; tests may pass fakes. */
export interface Deps {
  accounts: AccountStore;
  orgs: OrgStore;
  audit: AuditStore;
  tokens: Tokens;
}
