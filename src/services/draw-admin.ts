import {
  adminDrawsClose,
  adminDrawsConfirm,
  adminDrawsCreate,
  adminDrawsGet,
  adminDrawsSeed,
  adminQuestionBanksCreate,
  adminQuestionBanksGet,
  adminQuestionBanksList,
  adminQuestionBanksUpdate,
  type AdminDrawResponse,
  type CreateDrawRequest,
  type CreateBankRequest,
  type QuestionBankListResponse,
  type QuestionBankResponse,
  type UpdateBankRequest,
} from '../../functions/draws/contracts/draws';
import { call } from './request';

/** The officials' side of 答题抽奖 (functions/draws/contracts): question banks and a scheduled draw's operation. */

export function listBanks(): Promise<QuestionBankListResponse> {
  return call(adminQuestionBanksList);
}

export function createBank(body: CreateBankRequest): Promise<QuestionBankResponse> {
  return call(adminQuestionBanksCreate, { body });
}

export function getBank(bankId: string): Promise<QuestionBankResponse> {
  return call(adminQuestionBanksGet, { params: { id: bankId } });
}

export function updateBank(bankId: string, body: UpdateBankRequest): Promise<QuestionBankResponse> {
  return call(adminQuestionBanksUpdate, { params: { id: bankId }, body });
}

export function getAdminDraw(drawId: string): Promise<AdminDrawResponse> {
  return call(adminDrawsGet, { params: { id: drawId } });
}

export function closeDraw(drawId: string): Promise<AdminDrawResponse> {
  return call(adminDrawsClose, { params: { id: drawId } });
}

export function proposeSeed(drawId: string, seed: string): Promise<AdminDrawResponse> {
  return call(adminDrawsSeed, { params: { id: drawId }, body: { seed } });
}

export function confirmSeed(drawId: string, seed: string): Promise<AdminDrawResponse> {
  return call(adminDrawsConfirm, { params: { id: drawId }, body: { seed } });
}

export function createDraw(benefitId: string, body: CreateDrawRequest): Promise<AdminDrawResponse> {
  return call(adminDrawsCreate, { params: { id: benefitId }, body });
}
