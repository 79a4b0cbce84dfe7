import { APPLICATION_KIND_LABELS, type DecisionRequest } from '../contracts/applications';
import { auditActor, auditEntry, type AuditEntry } from '../../audit';
import type { ApplicationAuditAction } from '../domain/audit';
import type { Actor, Application, Step } from '../domain/types';

/**
 * The audit entries of the officials' writes on applications (functions/audit), each written in
 * the transaction of its change: a decision on a step, and the 回访 of a 差评. About the org of the
 * step (or of the 回访's union), so that org's officials and those above read it in their trail.
 */

const target = (app: Application) => ({ type: 'application', id: app.id, label: APPLICATION_KIND_LABELS[app.kind] });

const stepState = (step: Step | undefined) =>
  step ? { id: step.id, org: step.org.name, status: step.status, comment: step.comment, forwardedTo: step.forwardedTo } : null;

/** A decision on `step` of `before`, leaving `after`. */
export function decisionAudit(actor: Actor, before: Application, after: Application, step: Step, request: DecisionRequest): AuditEntry<ApplicationAuditAction> {
  return auditEntry({
    actor: auditActor(actor.openid, actor.roles, step.org.path),
    action: 'application.decide',
    target: target(before),
    orgPath: step.org.path,
    before: { status: before.status, step: stepState(step) },
    after: {
      status: after.status,
      decision: request.decision,
      step: stepState(after.steps.find((s) => s.id === step.id)),
      ...(request.toOrgId ? { toOrgId: request.toOrgId } : {}),
    },
    at: new Date(after.updatedAt),
  });
}

/** The 回访 of `before`'s 差评 recorded, leaving `after`. */
export function followUpAudit(actor: Actor, before: Application, after: Application): AuditEntry<ApplicationAuditAction> {
  const org = (after.followUp ?? before.followUp)?.org;
  if (!org) throw new Error(`application ${before.id} has no 回访`);
  return auditEntry({
    actor: auditActor(actor.openid, actor.roles, org.path),
    action: 'application.follow-up',
    target: target(before),
    orgPath: org.path,
    before: { followUp: before.followUp ? { status: before.followUp.status, dueDate: before.followUp.dueDate } : null },
    after: {
      followUp: after.followUp
        ? { status: after.followUp.status, dueDate: after.followUp.dueDate, note: after.followUp.note, onTime: after.followUp.onTime }
        : null,
    },
    at: new Date(after.updatedAt),
  });
}
