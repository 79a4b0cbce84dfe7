import type { Application } from '../../applications';
import type {
  AidKind,
  CloseReason,
  HardshipCategory,
  HardshipCause,
  HealthState,
  HousingType,
  ProofKind,
  Relation,
  SelfCheckCategory,
} from '../contracts/hardship';

/** A household member as stored: the ID number only as ciphertext (bound to `idContext`), its keyed hash and the 2+2 mask. */
export interface StoredMember {
  name: string;
  relation: Relation;
  idCipher: string;
  idContext: string;
  idHash: string;
  idMasked: string;
  health: HealthState;
  monthlyIncomeFen: number;
  schoolOrEmployer: string;
}

export interface StoredForm {
  members: StoredMember[];
  housing: { type: HousingType; areaM2: number; address: string };
  mainCause: HardshipCause;
  secondaryCauses: HardshipCause[];
  aid: AidKind[];
  rigidExpensesFen: number;
  otherIncomeFen: number;
  regionCode: string;
  migrantWorker: boolean;
  /** The card number encrypted (associated data `payee#<caseId>`) beside its mask. */
  payee: { bankName: string; accountMasked: string; accountCipher: string };
  proofs: Array<{ kind: ProofKind; key: string }>;
  statement: string;
  /** Computed at filing from the members' incomes and the region's standard. */
  yearlyIncomeFen: number;
  householdSize: number;
  monthlyPerCapitaFen: number;
  computedCategory: SelfCheckCategory;
  minimumLivingFen: number;
}

export interface Visit {
  date: string;
  met: string;
  notes: string;
  signedApplicationKeys: string[];
  authorisationKeys: string[];
  recordedAt: string;
  recordedBy: string;
  recordedByOrgId: string | null;
}

export interface Objection {
  id: string;
  reason: string;
  contact: string;
  by: string;
  status: 'open' | 'upheld' | 'dismissed';
  at: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  comment: string | null;
}

export interface Publicity {
  startDate: string;
  /** The last day of 公示 (moved on by the days an objection paused it). */
  endDate: string;
  pausedAt: string | null;
}

/**
 * A 困难帮扶 case: the engine's application of kind `hardship` (steps, deadlines, timeline, status,
 * version) and what the engine does not know: the form, the household, the visit, 公示 and objections.
 */
export interface HardshipCase {
  app: Application;
  householdKey: string;
  memberId: string;
  /** The household's grassroots union and its path (root first). */
  orgId: string;
  orgPath: string[];
  cityOrgId: string;
  form: StoredForm;
  financeConsent: { version: string; at: string };
  category: HardshipCategory | null;
  visit: Visit | null;
  publicity: Publicity | null;
  objections: Objection[];
  fileId: string | null;
}

export interface Payment {
  id: string;
  aid: AidKind;
  amountFen: number;
  note: string;
  status: 'pending' | 'paid';
  recordedAt: string;
  recordedBy: string;
  recordedByOrgId: string | null;
  paidAt: string | null;
  confirmedBy: string | null;
}

export interface Recheck {
  at: string;
  action: 'confirm' | 'change' | 'close';
  category: HardshipCategory;
  closeReason: CloseReason | null;
  reason: string;
  spotCheck: boolean;
  by: string;
  byOrgId: string | null;
  /** Done on or before the due date. */
  onTime: boolean;
}

/** 一户一档: one per household (`id` derived from the household key, so concurrent filings meet on one item). */
export interface HardshipFile {
  id: string;
  householdKey: string;
  version: number;
  memberId: string;
  applicantOpenid: string;
  headName: string;
  headIdMasked: string;
  orgId: string;
  orgPath: string[];
  cityOrgId: string;
  regionCode: string;
  category: HardshipCategory;
  mainCause: HardshipCause;
  secondaryCauses: HardshipCause[];
  members: StoredMember[];
  housing: StoredForm['housing'];
  payee: StoredForm['payee'];
  workUnit: string;
  yearlyIncomeFen: number;
  householdSize: number;
  monthlyPerCapitaFen: number;
  caseIds: string[];
  payments: Payment[];
  rechecks: Recheck[];
  /** The date (China) of the last check: filing or re-check. */
  lastCheckDate: string;
  status: 'active' | 'closed';
  closedAt: string | null;
  closeReason: CloseReason | null;
  spotCheckYear: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredStandard {
  regionCode: string;
  year: number;
  monthlyFen: number;
  source: string;
  updatedAt: string;
  updatedBy: string;
}

export interface SpotCheckRecord {
  orgId: string;
  year: number;
  share: number;
  seed: string;
  population: number;
  drawn: string[];
  at: string;
  by: string;
}

/** The audit codes this capability writes (functions/audit takes any `<what>.<change>`). */
export type HardshipAuditAction =
  | 'hardship.standard'
  | 'hardship.decide'
  | 'hardship.visit'
  | 'hardship.objection'
  | 'hardship.case-read'
  | 'hardship.file-read'
  | 'hardship.file-list'
  | 'hardship.file-export'
  | 'hardship.recheck'
  | 'hardship.spot-check'
  | 'hardship.payment'
  | 'hardship.payment-confirm'
  | 'hardship.file-delete';
