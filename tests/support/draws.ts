import { AppError } from '../../functions/kernel/errors';
import type { CreateDrawRequest, QuestionInput } from '../../functions/draws/contracts/draws';
import type { Deps as DrawDeps } from '../../functions/draws/services/ports';
import { benefitRequest, type BenefitWorld } from './benefits';

/** Draws tests on DynamoDB Local, over a benefits world (tests/support/benefits.ts). */
export interface DrawWorld {
  deps: DrawDeps;
  /** The draws use cases' clock (the benefits' stays real: a benefit's window is real time). */
  clock: { now: number };
  uc: Awaited<ReturnType<typeof drawUseCases>>;
}

export async function drawUseCases() {
  const [banks, admin, quiz] = await Promise.all([
    import('../../functions/draws/services/banks'),
    import('../../functions/draws/services/draw-admin'),
    import('../../functions/draws/services/quiz'),
  ]);
  return { ...banks, ...admin, ...quiz };
}

/** The draws deps with a clock the test moves (after benefitWorld() has configured the data layer). */
export async function drawWorld(): Promise<DrawWorld> {
  const { productionDeps } = await import('../../functions/draws/services/deps');
  const clock = { now: Date.now() };
  const deps = { ...(await productionDeps()), now: () => new Date(clock.now) };
  return { deps, clock, uc: await drawUseCases() };
}

/** `n` questions whose right answer is option (i mod options). */
export function questions(n: number, tag = ''): QuestionInput[] {
  return Array.from({ length: n }, (_, i) => ({
    text: `第${i + 1}题：《工会法》问题${tag}${i}`,
    options: ['选项甲', '选项乙', '选项丙', '选项丁'],
    correct: i % 4,
    explanation: `解析${i}：依据《中华人民共和国工会法》`,
  }));
}

/** A draft benefit of the world's province given out by a draw; returns the benefit and draw ids. */
export async function benefitWithDraw(
  world: BenefitWorld,
  draws: DrawWorld,
  draw: CreateDrawRequest,
  benefit: Parameters<typeof benefitRequest>[1] = {},
): Promise<{ benefitId: string; drawId: string }> {
  const created = await world.uc.createBenefit(world.deps, world.admin, benefitRequest(world, benefit));
  const answer = await draws.uc.createDraw(draws.deps, world.admin, created.benefit.id, draw);
  await world.uc.changeStatus(world.deps, world.admin, created.benefit.id, 'publish');
  return { benefitId: created.benefit.id, drawId: answer.draw.id };
}

/** The right answers of an attempt's questions, read from the bank (as only the server knows them). */
export async function rightAnswers(draws: DrawWorld, bankId: string, questionIds: string[]): Promise<Record<string, number>> {
  const bank = await draws.deps.banks.get(bankId);
  if (!bank) throw new Error('no bank');
  return Object.fromEntries(questionIds.map((id) => [id, bank.questions.find((q) => q.id === id)!.correct]));
}

/** The refusal code of a use case call, or 'ok'. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
