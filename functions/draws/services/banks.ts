import type {
  CreateBankRequest,
  QuestionBank,
  QuestionBankListResponse,
  QuestionBankResponse,
  QuestionInput,
  UpdateBankRequest,
} from '../contracts/draws';
import { QUESTION_LIMITS } from '../contracts/draws';
import { AppError } from '../../kernel/errors';
import { toShanghaiIso } from './time';
import type { Question } from '../domain/quiz';
import type { Bank } from '../domain/types';
import { manages } from '../domain/access';
import { audited, requireManages, requireOfficial } from './people';
import type { Deps } from './ports';

/**
 * Question banks (题库): kept by the officials of the owning org's subtree (and admins). The right
 * answers are in the officials' answers only; the quiz sends the phone none (services/quiz.ts).
 */
export type BankDeps = Pick<Deps, 'accounts' | 'orgs' | 'banks' | 'newId' | 'now'>;

const NOT_YOURS = '只能管理本级及下级工会的题库';
/** An edit lost to another official's at the same moment is read and applied again, this often. */
const SAVE_TRIES = 3;

async function bankView(deps: Pick<Deps, 'orgs'>, bank: Bank): Promise<QuestionBank> {
  const org = (await deps.orgs.getMany([bank.orgId])).get(bank.orgId);
  return {
    id: bank.id,
    title: bank.title,
    org: { id: bank.orgId, name: org?.name ?? '' },
    questions: bank.questions.map((q) => ({ ...q, options: [...q.options] })),
    archived: bank.archived,
    updatedAt: toShanghaiIso(bank.updatedAt),
  };
}

function withQuestions(questions: readonly Question[], upsert: readonly QuestionInput[], remove: readonly string[], newId: () => string): Question[] {
  const out = questions.filter((q) => !remove.includes(q.id));
  for (const input of upsert) {
    const question: Question = { id: input.id ?? newId(), text: input.text, options: [...input.options], correct: input.correct, explanation: input.explanation };
    const at = out.findIndex((q) => q.id === question.id);
    if (at >= 0) out[at] = question;
    else if (input.id !== undefined) throw new AppError('INVALID_INPUT', { message: '要修改的题目不存在，请刷新后重试', fields: { upsert: '要修改的题目不存在' } });
    else out.push(question);
  }
  if (out.length > QUESTION_LIMITS.perBank) {
    throw new AppError('INVALID_INPUT', { message: `每个题库最多${QUESTION_LIMITS.perBank}道题`, fields: { upsert: `每个题库最多${QUESTION_LIMITS.perBank}道题` } });
  }
  return out;
}

/** GET /api/admin/question-banks: the banks of the caller's subtree (admins: all), newest first. */
export async function listBanks(deps: BankDeps, openid: string): Promise<QuestionBankListResponse> {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以管理题库');
  const banks = (await deps.banks.list()).filter((b) => manages(account.roles, b.orgPath)).sort((a, b) => b.createdAt - a.createdAt);
  const orgs = await deps.orgs.getMany([...new Set(banks.map((b) => b.orgId))]);
  return {
    items: banks.map((b) => ({
      id: b.id,
      title: b.title,
      org: { id: b.orgId, name: orgs.get(b.orgId)?.name ?? '' },
      questionCount: b.questions.length,
      archived: b.archived,
      updatedAt: toShanghaiIso(b.updatedAt),
    })),
  };
}

/** POST /api/admin/question-banks */
export async function createBank(deps: BankDeps, openid: string, request: CreateBankRequest): Promise<QuestionBankResponse> {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以管理题库');
  const org = (await deps.orgs.getMany([request.orgId])).get(request.orgId);
  if (!org) throw new AppError('NOT_FOUND', { message: '所选工会不存在' });
  requireManages(account, org.path, NOT_YOURS);
  const at = deps.now();
  const bank: Bank = {
    id: deps.newId(),
    orgId: org.id,
    orgPath: [...org.path],
    title: request.title,
    questions: withQuestions([], request.questions ?? [], [], deps.newId),
    archived: false,
    createdBy: openid,
    createdAt: at.getTime(),
    updatedAt: at.getTime(),
    version: 0,
  };
  await deps.banks.create(bank, audited(account, 'quiz.bank.create', { type: 'question-bank', id: bank.id, label: bank.title }, bank.orgPath, null, { title: bank.title, questions: bank.questions.length }, at));
  return { bank: await bankView(deps, bank) };
}

async function managedBank(deps: BankDeps, openid: string, id: string) {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以管理题库');
  const bank = await deps.banks.get(id);
  if (!bank) throw new AppError('NOT_FOUND', { message: '题库不存在' });
  requireManages(account, bank.orgPath, NOT_YOURS);
  return { account, bank };
}

/** GET /api/admin/question-banks/{id}: with the right answers (officials only). */
export async function getBank(deps: BankDeps, openid: string, id: string): Promise<QuestionBankResponse> {
  const { bank } = await managedBank(deps, openid, id);
  return { bank: await bankView(deps, bank) };
}

/** POST /api/admin/question-banks/{id}: questions added, replaced or removed; renamed; archived (deleted). */
export async function updateBank(deps: BankDeps, openid: string, id: string, request: UpdateBankRequest): Promise<QuestionBankResponse> {
  for (let attempt = 1; ; attempt++) {
    const { account, bank } = await managedBank(deps, openid, id);
    const at = deps.now();
    const next: Bank = {
      ...bank,
      title: request.title ?? bank.title,
      questions: withQuestions(bank.questions, request.upsert ?? [], request.remove ?? [], deps.newId),
      archived: request.archived ?? bank.archived,
      updatedAt: at.getTime(),
    };
    const summary = (b: Bank) => ({ title: b.title, questions: b.questions.length, archived: b.archived });
    const entry = audited(account, 'quiz.bank.update', { type: 'question-bank', id: bank.id, label: next.title }, bank.orgPath, summary(bank), summary(next), at);
    if (await deps.banks.save(next, entry)) return { bank: await bankView(deps, { ...next, version: bank.version + 1 }) };
    if (attempt >= SAVE_TRIES) throw new AppError('BUSY');
  }
}
