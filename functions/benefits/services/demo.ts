import type { CreateBenefitRequest } from '../contracts/benefits';
import { draftBenefit } from '../domain/benefit';
import type { BenefitStore } from './ports';

/**
 * The demo seed's way in (scripts/seed.ts): a benefit with a fixed id, created once and brought to
 * the status the demo data asks for. Idempotent and resumable; never touches a benefit an official
 * has moved on since (it only publishes drafts and ends published ones).
 */
export async function seedDemoBenefit(
  benefits: BenefitStore,
  demo: { id: string; status: 'draft' | 'published' | 'ended'; request: CreateBenefitRequest; org: { id: string; path: string[] } },
  now: Date,
): Promise<boolean> {
  const at = now.getTime();
  const existing = await benefits.get(demo.id);
  let current = existing ?? draftBenefit(demo.request, demo.org, { id: demo.id, createdBy: 'dev-admin', now: at });
  if (!existing) await benefits.create(current, null);
  if (current.status === 'draft' && demo.status !== 'draft') current = await benefits.publish(current, at, null);
  if (current.status === 'published' && demo.status === 'ended') await benefits.setStatus(current.id, ['published'], 'ended', at, null);
  return !existing;
}
