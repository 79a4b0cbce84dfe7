import { AppError } from '../../kernel/errors';
import type { AdminDrawResponse } from '../contracts/draws';
import { resultsOf } from '../domain/draw-rule';
import type { Draw } from '../domain/types';
import { settleScheduled } from './draw-admin';
import { requireManages, requireOfficial } from './people';
import type { Deps } from './ports';
import { adminDrawView } from './views';

/**
 * A drawn scheduled draw whose settlement (each winner's place, every ticket's outcome) was cut
 * short — the confirmation's function timed out or a reservation failed after the results were
 * stored — is settled again: `settleScheduled` asks each winner's place with the same request id
 * (`draw-<drawId>-<ticket>`), so a place reserved the first time is found, never taken twice.
 */

export type SettlementDeps = Pick<Deps, 'accounts' | 'draws' | 'places' | 'now'>;

/** Tickets of a drawn draw whose outcome the settlement has not written yet. */
export function unsettled(draw: Pick<Draw, 'kind' | 'status' | 'seed' | 'places'>, tickets: ReadonlyArray<{ ticket: string; pool: string; outcome: string }>): string[] {
  const { winners, waitlist } = resultsOf(draw, tickets);
  const named = new Set([...winners, ...waitlist]);
  return tickets.filter((t) => named.has(t.ticket) && (t.outcome === 'entered' || t.outcome === 'pending')).map((t) => t.ticket);
}

/** Settles a drawn scheduled draw again when any ticket it names is unsettled; answers how many were. */
export async function resettle(deps: Pick<Deps, 'draws' | 'places'>, drawId: string): Promise<{ drawId: string; unsettledBefore: number; unsettledAfter: number }> {
  const draw = await deps.draws.get(drawId);
  if (!draw) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  if (draw.kind !== 'scheduled' || draw.status !== 'drawn') return { drawId, unsettledBefore: 0, unsettledAfter: 0 };
  const tickets = await deps.draws.tickets(draw.id);
  const before = unsettled(draw, tickets).length;
  if (before > 0) await settleScheduled(deps, draw, tickets);
  const after = before > 0 ? unsettled(draw, await deps.draws.tickets(draw.id)).length : 0;
  return { drawId, unsettledBefore: before, unsettledAfter: after };
}

/**
 * GET /api/admin/draws/{id}: the draw as its operators see it (the public answer, plus whether a
 * seed waits for a second official and whether it is the caller's). Opening the page of a drawn
 * draw left unsettled settles it (idempotent), so an operator's next look repairs it.
 */
export async function getAdminDraw(deps: SettlementDeps, openid: string, id: string): Promise<AdminDrawResponse> {
  const account = await requireOfficial(deps, openid, '只有工会工作人员可以查看抽签管理');
  const draw = await deps.draws.get(id);
  if (!draw) throw new AppError('NOT_FOUND', { message: '抽签不存在' });
  requireManages(account, draw.orgPath, '只能查看本级及下级工会的抽签');
  if (draw.kind === 'scheduled' && draw.status === 'drawn') await resettle(deps, draw.id);
  return adminDrawView(deps, draw, openid, deps.now().getTime());
}
