import { applicationsPayee, type ApplicationResponse } from '../../functions/applications/contracts/applications';
import {
  adminCampaignPayouts,
  adminPayoutBatchesConfirm,
  adminPayoutBatchesCreate,
  adminPayoutBatchesFile,
  adminPayoutBatchesGet,
  adminPayoutBatchesResults,
  type BatchFileResponse,
  type BatchResponse,
  type CampaignPayoutsResponse,
  type MarkBatchRequest,
  type PayeeInput,
} from '../../functions/applications/contracts/payouts';
import { call } from './request';

/**
 * 补贴发放 (functions/applications/contracts/payouts.ts): the applicant's card after a failed payout,
 * and the paying federation's batches for the bank — list, create, download, enter results, confirm.
 */

/** The applicant gives another card; the payout waits for the next batch. */
export function changePayee(applicationId: string, body: PayeeInput): Promise<ApplicationResponse> {
  return call(applicationsPayee, { params: { id: applicationId }, body });
}

export function campaignPayouts(campaignId: string): Promise<CampaignPayoutsResponse> {
  return call(adminCampaignPayouts, { params: { id: campaignId } });
}

export function createPayoutBatch(campaignId: string): Promise<BatchResponse> {
  return call(adminPayoutBatchesCreate, { body: { campaignId } });
}

export function getPayoutBatch(batchId: string): Promise<BatchResponse> {
  return call(adminPayoutBatchesGet, { params: { id: batchId } });
}

/** The bank file (full card numbers): only ever saved or shared, never shown on a page. */
export function payoutBatchFile(batchId: string): Promise<BatchFileResponse> {
  return call(adminPayoutBatchesFile, { params: { id: batchId } });
}

export function markPayoutBatch(batchId: string, body: MarkBatchRequest): Promise<BatchResponse> {
  return call(adminPayoutBatchesResults, { params: { id: batchId }, body });
}

export function confirmPayoutBatch(batchId: string, version: number): Promise<BatchResponse> {
  return call(adminPayoutBatchesConfirm, { params: { id: batchId }, body: { version } });
}
