import type {
  ApplicationKind,
  ApplicationStatus,
  Decision,
  JoinForm,
  RatingLevel,
  StepStatus,
  TimelineAction,
} from '../contracts/applications';

export type { ApplicationKind, ApplicationStatus, Decision, RatingLevel, StepStatus, TimelineAction };

/** The roles that matter here (membership's StoredRole, structurally). */
export type ActorRole = { type: 'official'; orgId: string } | { type: 'admin' } | { type: 'clerk'; merchantId: string } | { type: 'hardship'; orgId: string };

/** Who acts: a logged-in account and its roles. */
export interface Actor {
  openid: string;
  roles: readonly ActorRole[];
}

export interface OrgRef {
  id: string;
  name: string;
}

/** A union as a step records it: its name and its path from the root (inclusive) at the time. */
export interface OrgOnStep {
  id: string;
  name: string;
  path: string[];
}

/**
 * How the decider was entitled: an official of the step's own org, an official of an org above
 * it (`ancestor`), or a platform admin.
 */
export type DecidedAs = 'official' | 'ancestor' | 'admin';

/** One review step: which union reviews, by when, and what it decided. */
export interface Step {
  /** `s1`, `s2`, … in order; the id a decision names. */
  id: string;
  org: OrgOnStep;
  /** The deadline, in working days from the day the step opens. */
  workingDays: number;
  status: StepStatus;
  openedAt: string | null;
  /** The last working day of the step (a date in China); null while waiting. */
  dueDate: string | null;
  decidedBy: string | null;
  decidedAs: DecidedAs | null;
  /** The org of the official who decided (the step's org or an ancestor); null for an admin. */
  decidedByOrg: OrgRef | null;
  decidedAt: string | null;
  comment: string | null;
  /** A forwarded step: the union it went to. */
  forwardedTo: string | null;
}

export interface TimelineEntry {
  at: string;
  action: TimelineAction;
  /** openid of who acted. */
  by: string;
  role: 'applicant' | DecidedAs;
  /** The org an official acted for; null for the applicant and admins. */
  org: OrgRef | null;
  stepId: string | null;
  comment: string | null;
}

/** A transfer's form as stored: the member's union when they filed it, and where to. */
export interface TransferRecord {
  kind: 'transfer';
  fromOrgId: string;
  toOrgId: string;
  reason: string;
}

/**
 * A join form as stored: the DOMAIN.md fields, but the ID number only as ciphertext bound to the
 * application id, a keyed hash and the 2+2 mask, and no birth date (it is inside the ID number and,
 * next to the mask, would narrow the number down to a few dozen candidates).
 */
export interface JoinRecord extends Omit<JoinForm, 'idNumber' | 'birthDate' | 'phoneCode' | 'idConsentVersion'> {
  kind: 'join';
  /** The consent to the ID number's use: the version of the text agreed to and when (server time); absent on joins filed before it was asked. */
  idConsent?: { version: string; at: string };
  /** The mobile number WeChat verified for the filer (the form sends a 手机号快速验证 code). */
  mobile: string;
  idCipher: string;
  idHash: string;
  idMasked: string;
}

/** The payout a 补贴's final approval recorded (see the payouts table): one per person and campaign. */
export interface PayoutRecord {
  status: 'pending' | 'paid';
  amountFen: number;
  createdAt: string;
}

/**
 * A 补贴 form as stored: the journey and fare (fen), the amount computed at submission from the
 * campaign's tiers, the proof images' keys, and the member's region and quota pool at submission
 * (the place the approval takes). `payout` is set by the final approval.
 */
export interface SubsidyRecord {
  kind: 'subsidy';
  campaignId: string;
  campaignTitle: string;
  travelDate: string;
  fromStation: string;
  toStation: string;
  fareFen: number;
  amountFen: number;
  proofKeys: string[];
  regionCode: string;
  /** The member's region code when the campaign reserves places for it, else `other`. */
  pool: string;
  /** The card given at filing (number encrypted, domain/subsidy.ts payeeCipherContext); null on older filings. */
  payee: { bankName: string; accountMasked: string; accountCipher: string } | null;
  payout: PayoutRecord | null;
}

/**
 * A 困难帮扶 as the engine sees it: the household it is for and the city it is decided in. The form
 * itself (household members' encrypted ID numbers, incomes, the bank card) is kept by
 * functions/hardship, which files, reads and decides these applications.
 */
export interface HardshipRecord {
  kind: 'hardship';
  householdKey: string;
  regionCode: string;
}

export type ApplicationRecord = TransferRecord | JoinRecord | SubsidyRecord | HardshipRecord;

export interface Applicant {
  openid: string;
  /** The roster member (transfers); null for a join. */
  memberId: string | null;
  name: string;
}

/** The applicant's rating of a closed application (one per application). */
export interface Rating {
  level: RatingLevel;
  comment: string | null;
  at: string;
  /** The month it counts in (`YYYY-MM`, China): the satisfaction counters' month. */
  month: string;
}

/**
 * The 回访 a 差评 opened for the union of the last decided step: due on the last of 15 working days,
 * closed once by what its officials (or those above, or an admin) recorded.
 */
export interface FollowUp {
  org: OrgOnStep;
  status: 'open' | 'done';
  openedAt: string;
  dueDate: string;
  note: string | null;
  doneAt: string | null;
  doneBy: string | null;
  doneAs: DecidedAs | null;
  doneByOrg: OrgRef | null;
  /** Recorded on or before the due date; null while open. */
  onTime: boolean | null;
}

export interface Application {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  /** Bumped by every change; a change is written only if the version is still the one read. */
  version: number;
  applicant: Applicant;
  form: ApplicationRecord;
  steps: Step[];
  timeline: TimelineEntry[];
  /**
   * Timeline entries dropped to bound the item (engine.ts › TIMELINE_KEPT): the first entry and the
   * last ones are kept; absent or 0 when nothing was dropped.
   */
  timelineOmitted?: number;
  createdAt: string;
  updatedAt: string;
  /** A join filed again after this earlier one was rejected or cancelled. */
  previousId: string | null;
  /** Null until the applicant rates the closed application. */
  rating: Rating | null;
  /** Opened by a 差评. */
  followUp: FollowUp | null;
}
