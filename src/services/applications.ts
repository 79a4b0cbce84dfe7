import type {
  ApplicationListResponse,
  ApplicationResponse,
  CreateApplicationRequest,
  DecisionRequest,
  FollowUpRequest,
  OrgSearchQuery,
  OrgSearchResponse,
  QueueQuery,
  RatingRequest,
} from '../../functions/applications/contracts/applications';
import type { SatisfactionQuery, SatisfactionResponse } from '../../functions/applications/contracts/satisfaction';
import { request } from './request';

/**
 * One function per 工会业务一网通办 endpoint, typed from the shared contract
 * (functions/applications/contracts/applications.ts).
 */

/** `?a=1&b=2` from the values that are set, '' when none is. */
function query(values: Record<string, string | undefined>): string {
  const pairs = Object.keys(values).flatMap((key) => {
    const value = values[key];
    return value ? [`${encodeURIComponent(key)}=${encodeURIComponent(value)}`] : [];
  });
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const path = (applicationId: string) => `/api/applications/${encodeURIComponent(applicationId)}`;

// Applicants

/** 201 with a new application; a join filed again while pending answers 200 with the same one. */
export function createApplication(body: CreateApplicationRequest): Promise<ApplicationResponse> {
  return request<ApplicationResponse>('/api/applications', { method: 'POST', body });
}

/** 我的办事: the caller's own, newest first. */
export function listMyApplications(): Promise<ApplicationListResponse> {
  return request<ApplicationListResponse>('/api/me/applications');
}

/** The applicant, officials of the orgs on its steps and above, admins; 404 for anybody else. */
export function getApplication(applicationId: string): Promise<ApplicationResponse> {
  return request<ApplicationResponse>(path(applicationId));
}

/** Withdraws a pending application (APPLICATION_NOT_PENDING once it is closed). */
export function cancelApplication(applicationId: string): Promise<ApplicationResponse> {
  return request<ApplicationResponse>(`${path(applicationId)}/cancel`, { method: 'POST' });
}

/** 好差评: the applicant rates an approved or rejected application, once (ALREADY_RATED after). */
export function rateApplication(applicationId: string, body: RatingRequest): Promise<ApplicationResponse> {
  return request<ApplicationResponse>(`${path(applicationId)}/rating`, { method: 'POST', body });
}

/** Grassroots unions by name, work unit or abbreviation (at most 20), for the union pickers. */
export function searchOrgs({ q }: OrgSearchQuery): Promise<OrgSearchResponse> {
  return request<OrgSearchResponse>(`/api/orgs${query({ q })}`);
}

// Officials and admins

/** The open step decided; ALREADY_DECIDED when someone else decided it first. */
export function decideApplication(applicationId: string, body: DecisionRequest): Promise<ApplicationResponse> {
  return request<ApplicationResponse>(`${path(applicationId)}/decisions`, { method: 'POST', body });
}

/**
 * 审核办理: the official's subtree (pending by default: overdue first, then the oldest); with
 * `followUp: 'open'` the open 回访 of the subtree instead, the earliest due first.
 */
export function listReviewQueue({ status, kind, followUp }: QueueQuery = {}): Promise<ApplicationListResponse> {
  return request<ApplicationListResponse>(`/api/admin/applications${query({ status, kind, followUp })}`);
}

/** 回访: the official records what was done about a 差评, once (FOLLOW_UP_ALREADY_DONE after). */
export function recordFollowUp(applicationId: string, body: FollowUpRequest): Promise<ApplicationResponse> {
  return request<ApplicationResponse>(`${path(applicationId)}/follow-up`, { method: 'POST', body });
}

/** 满意度: the subtree's 好差评 figures for a month (default: this month in China), per kind and in total. */
export function getSatisfaction({ month, kind }: SatisfactionQuery = {}): Promise<SatisfactionResponse> {
  return request<SatisfactionResponse>(`/api/admin/satisfaction${query({ month, kind })}`);
}
