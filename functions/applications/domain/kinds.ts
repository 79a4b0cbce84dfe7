import { AppError } from '../../kernel/errors';
import type { Application, ApplicationKind, Decision } from './types';

/**
 * What differs between the kinds of application: the decisions a reviewer may take, the names and
 * deadlines of the steps, and which uniqueness guards an open application holds.
 *
 * Deadlines: 5 working days a step. Review times are local practice (DOMAIN.md: the same day in
 * 澄迈, about a week elsewhere, 15 working days as one province's outer promise for a join); a week
 * of working days per step keeps a two-step transfer inside that promise.
 */
export interface KindRules {
  decisions: readonly Decision[];
  workingDaysPerStep: number;
  /** The name of the step at `index` (0-based) as the member sees it. */
  stepName(index: number): string;
}

export const KIND_RULES: Record<ApplicationKind, KindRules> = {
  join: {
    decisions: ['approve', 'reject', 'forward'],
    workingDaysPerStep: 5,
    stepName: () => '入会审核',
  },
  transfer: {
    decisions: ['approve', 'reject'],
    workingDaysPerStep: 5,
    stepName: (index) => (index === 0 ? '转出工会审核' : '转入工会接收'),
  },
  subsidy: {
    decisions: ['approve', 'reject'],
    workingDaysPerStep: 5,
    stepName: (index) => (index === 0 ? '单位工会初审' : '市总工会复核'),
  },
  /**
   * 困难帮扶 (functions/hardship): five steps, the household's grassroots union for the first two and
   * the city federation's 帮扶中心 for the rest. 公示 is not decided by a person: it runs its
   * configured calendar days and closes by itself (functions/hardship/domain/case.ts).
   */
  hardship: {
    decisions: ['approve', 'reject'],
    workingDaysPerStep: 5,
    stepName: (index) => HARDSHIP_STEP_NAMES[index] ?? '审批',
  },
};

/** The steps of a 困难帮扶, in order (functions/hardship/contracts: CASE_STEPS). */
export const HARDSHIP_STEP_NAMES = ['基层工会初审', '入户核查', '帮扶中心审核', '公示', '审批'] as const;

/**
 * A uniqueness guard an application holds: `open-*` while it is pending (one open transfer per
 * member; one open join per ID number and per account; one open subsidy per member and campaign),
 * `joined` for good once a join is approved, `subsidy-paid` once a subsidy is paid, `proof` for
 * good once an application names an uploaded image (proofGuards).
 */
export type Guard =
  | { type: 'open-transfer'; memberId: string }
  | { type: 'open-join-id'; idHash: string }
  | { type: 'open-join-account'; openid: string }
  | { type: 'joined'; idHash: string }
  /** The member's open 补贴 of a campaign (one at a time), and the mark of a payout (never again). */
  | { type: 'open-subsidy'; campaignId: string; memberId: string }
  | { type: 'subsidy-paid'; campaignId: string; memberId: string }
  /** A household's open 困难帮扶 (one at a time; `householdKey` a keyed hash of the applicant's ID number). */
  | { type: 'open-hardship'; householdKey: string }
  /** An uploaded proof image (its object key), taken by the one application that names it. */
  | { type: 'proof'; key: string }
  /**
   * Whose joins an ID number is for, and which ID number an account files joins for (owner: the
   * openid, resp. the ID number's keyed hash), for good from the first filing: one account ↔ one
   * ID number (submit.ts). Written with Change.own (put if absent or already this owner's).
   */
  | { type: 'join-id-owner'; idHash: string }
  | { type: 'join-account-id'; openid: string }
  /** The day's 待办 for an application at a union (`day` YYYY-MM-DD in China): one a day (submit.ts todoMark). */
  | { type: 'todo-sent'; applicationId: string; orgId: string; day: string };

/** The guards a pending application holds. */
export function openGuards(app: Pick<Application, 'kind' | 'form' | 'applicant'>): Guard[] {
  if (app.form.kind === 'transfer') return [{ type: 'open-transfer', memberId: app.applicant.memberId as string }];
  if (app.form.kind === 'subsidy') return [{ type: 'open-subsidy', campaignId: app.form.campaignId, memberId: app.applicant.memberId as string }];
  if (app.form.kind === 'hardship') return [{ type: 'open-hardship', householdKey: app.form.householdKey }];
  return [
    { type: 'open-join-id', idHash: app.form.idHash },
    { type: 'open-join-account', openid: app.applicant.openid },
  ];
}

/**
 * The proof images an application names: each key backs one application only, claimed in the
 * filing's transaction (a second application naming it is refused, PROOF_ALREADY_USED; of
 * concurrent filings naming it, exactly one is written). Never released: a withdrawn, rejected or
 * closed application keeps its proofs as part of its record, and a new application needs a new
 * upload. A resubmission of the same application (none of a 补贴 today) would claim only the keys
 * it adds.
 */
export function proofGuards(app: Pick<Application, 'form'>): Guard[] {
  return app.form.kind === 'subsidy' ? app.form.proofKeys.map((key) => ({ type: 'proof', key })) : [];
}

export const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', { message, fields: { [field]: message } });

/** A union a member can belong to: it exists and is a grassroots union. */
export function requireGrassroots<T extends { kind: string }>(org: T | undefined, field: string, message: string): T {
  if (!org || org.kind !== 'grassroots') throw invalid(field, message);
  return org;
}
