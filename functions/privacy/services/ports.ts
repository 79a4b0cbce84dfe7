import type { ExportedApplication } from '../../applications';
import type { BenefitsExport } from '../../benefits';
import type { PaymentsExport } from '../../payments';
import type { Account, MembershipExport } from '../../membership';
import type { Tokens } from '../../kernel/tokens';

/**
 * What each capability contributes to a data subject's rights (its index.ts exports the real one);
 * the privacy use cases compose them and hold no data of their own. Unit tests pass fakes.
 */
export interface DataSubjectParts {
  membership: {
    export(openid: string): Promise<MembershipExport | null>;
    /** The account to close, or null when it is closed (or never was). */
    account(openid: string): Promise<Account | null>;
    close(account: Account): Promise<'closed' | 'changed'>;
  };
  benefits: {
    export(memberId: string): Promise<BenefitsExport>;
    voidUnused(memberId: string): Promise<number>;
  };
  applications: {
    export(openid: string): Promise<ExportedApplication[]>;
    close(openid: string): Promise<{ cancelled: number; detached: number }>;
  };
  /** Orders of paid places and bans (functions/payments); absent: none exported (unit tests' fakes). */
  payments?: {
    export(memberId: string): Promise<PaymentsExport>;
  };
}

export interface Deps {
  parts: DataSubjectParts;
  tokens: Tokens;
  now: () => Date;
}
