import {
  adminHardshipCases,
  adminHardshipExport,
  adminHardshipFileGet,
  adminHardshipFiles,
  adminHardshipPayment,
  adminHardshipPaymentConfirm,
  adminHardshipRecheck,
  adminHardshipStandardSet,
  hardshipCancel,
  hardshipCaseGet,
  hardshipDecide,
  hardshipDraftGet,
  hardshipDraftSave,
  hardshipObject,
  hardshipRate,
  hardshipPublicity,
  hardshipResolveObjection,
  hardshipSelfCheck,
  hardshipStandards,
  hardshipSubmit,
  hardshipVisit,
  meHardship,
  type CaseQueueQuery,
  type DecisionRequest,
  type DraftRequest,
  type FileListQuery,
  type ObjectionRequest,
  type PaymentRequest,
  type RecheckRequest,
  type ResolveObjectionRequest,
  type SelfCheckRequest,
  type StandardRequest,
  type SubmitCaseRequest,
  type VisitRequest,
} from '../../functions/hardship/contracts/hardship';
import type { RatingRequest } from '../../functions/applications/contracts/applications';
import { call } from './request';

/**
 * 困难帮扶: one function per endpoint of functions/hardship, each called through its declaration
 * (functions/hardship/contracts/hardship.ts). Proof images and visit photos go through the
 * applications' uploads (src/services/subsidy.ts uploadProof) and are named here by key.
 */

// Anyone (no log-in)

/** The category against the city's 低保, with the arithmetic in words; nothing is stored. */
export const selfCheck = (body: SelfCheckRequest) => call(hardshipSelfCheck, { body });
/** Each city's 低保 standard for a year (this year without one). */
export const listStandards = (year?: string) => call(hardshipStandards, { query: { year } });
/** The cases in 公示 (names masked). */
export const listPublicity = () => call(hardshipPublicity);
/** An objection to a case in 公示 (a logged-in account): the case pauses for review. */
export const objectTo = (caseId: string, body: ObjectionRequest) => call(hardshipObject, { params: { id: caseId }, body });

// The member

export const getDraft = () => call(hardshipDraftGet);
export const saveDraft = (body: DraftRequest) => call(hardshipDraftSave, { body });
export const submitCase = (body: SubmitCaseRequest) => call(hardshipSubmit, { body });
/** Own cases, own file (category, aid paid, re-check due). */
export const getMyHardship = () => call(meHardship);
export const getCase = (caseId: string) => call(hardshipCaseGet, { params: { id: caseId } });
export const cancelCase = (caseId: string) => call(hardshipCancel, { params: { id: caseId } });
/** 好差评 of the member's decided case, once. */
export const rateCase = (caseId: string, body: RatingRequest) => call(hardshipRate, { params: { id: caseId }, body });

// Officials holding the 帮扶 role

export const listCases = (query: CaseQueueQuery = {}) => call(adminHardshipCases, { query });
export const decideCase = (caseId: string, body: DecisionRequest) => call(hardshipDecide, { params: { id: caseId }, body });
export const recordVisit = (caseId: string, body: VisitRequest) => call(hardshipVisit, { params: { id: caseId }, body });
export const resolveObjection = (objectionId: string, body: ResolveObjectionRequest) =>
  call(hardshipResolveObjection, { params: { id: objectionId }, body });
export const listFiles = (query: FileListQuery = {}) => call(adminHardshipFiles, { query });
export const getFile = (fileId: string) => call(adminHardshipFileGet, { params: { id: fileId } });
export const recheckFile = (fileId: string, body: RecheckRequest) => call(adminHardshipRecheck, { params: { id: fileId }, body });
export const recordPayment = (fileId: string, body: PaymentRequest) => call(adminHardshipPayment, { params: { id: fileId }, body });
export const confirmPayment = (fileId: string, paymentId: string) => call(adminHardshipPaymentConfirm, { params: { id: fileId, paymentId } });
export const exportFiles = (orgId?: string) => call(adminHardshipExport, { query: { orgId } });
export const setStandard = (body: StandardRequest) => call(adminHardshipStandardSet, { body });
