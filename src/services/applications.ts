import {
  adminApplications,
  applicationsCancel,
  applicationsCreate,
  applicationsDecide,
  applicationsFollowUp,
  applicationsGet,
  applicationsRate,
  meApplications,
  orgsSearch,
  type ApplicationListResponse,
  type ApplicationResponse,
  type CreateApplicationRequest,
  type DecisionRequest,
  type FollowUpRequest,
  type OrgSearchQuery,
  type OrgSearchResponse,
  type QueueQuery,
  type RatingRequest,
} from '../../functions/applications/contracts/applications';
import { adminSatisfaction, type SatisfactionQuery, type SatisfactionResponse } from '../../functions/applications/contracts/satisfaction';
import { call } from './request';

/**
 * One function per 工会业务一网通办 endpoint, each called through its declaration
 * (functions/applications/contracts/applications.ts).
 */

// Applicants

/** 201 with a new application; a join filed again while pending answers 200 with the same one. */
export function createApplication(body: CreateApplicationRequest): Promise<ApplicationResponse> {
  return call(applicationsCreate, { body });
}

/** 我的办事: the caller's own, newest first. */
export function listMyApplications(): Promise<ApplicationListResponse> {
  return call(meApplications);
}

/** The applicant, officials of the orgs on its steps and above, admins; 404 for anybody else. */
export function getApplication(applicationId: string): Promise<ApplicationResponse> {
  return call(applicationsGet, { params: { id: applicationId } });
}

/** Withdraws a pending application (APPLICATION_NOT_PENDING once it is closed). */
export function cancelApplication(applicationId: string): Promise<ApplicationResponse> {
  return call(applicationsCancel, { params: { id: applicationId } });
}

/** 好差评: the applicant rates an approved or rejected application, once (ALREADY_RATED after). */
export function rateApplication(applicationId: string, body: RatingRequest): Promise<ApplicationResponse> {
  return call(applicationsRate, { params: { id: applicationId }, body });
}

/** Grassroots unions by name, work unit or abbreviation (at most 20), for the union pickers. */
export function searchOrgs({ q }: OrgSearchQuery): Promise<OrgSearchResponse> {
  return call(orgsSearch, { query: { q } });
}

// Officials and admins

/** The open step decided; ALREADY_DECIDED when someone else decided it first. */
export function decideApplication(applicationId: string, body: DecisionRequest): Promise<ApplicationResponse> {
  return call(applicationsDecide, { params: { id: applicationId }, body });
}

/**
 * 审核办理: the official's subtree (pending by default: overdue first, then the oldest); with
 * `followUp: 'open'` the open 回访 of the subtree instead, the earliest due first.
 */
export function listReviewQueue({ status, kind, followUp }: QueueQuery = {}): Promise<ApplicationListResponse> {
  return call(adminApplications, { query: { status, kind, followUp } });
}

/** 回访: the official records what was done about a 差评, once (FOLLOW_UP_ALREADY_DONE after). */
export function recordFollowUp(applicationId: string, body: FollowUpRequest): Promise<ApplicationResponse> {
  return call(applicationsFollowUp, { params: { id: applicationId }, body });
}

/** 满意度: the subtree's 好差评 figures for a month (default: this month in China), per kind and in total. */
export function getSatisfaction({ month, kind }: SatisfactionQuery = {}): Promise<SatisfactionResponse> {
  return call(adminSatisfaction, { query: { month, kind } });
}
