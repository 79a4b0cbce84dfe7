import type { Item } from 'dynamoose/dist/Item';
import { dynamoose } from '../../../kernel/data/client';
import { lazyModel } from '../../../kernel/data/lazy-model';

/** Levels of the org tree the officials' lists are indexed by (province → city → grassroots → one more). */
export const INDEXED_LEVELS = 4;

/**
 * An application (工会业务一网通办). The form, the steps and the timeline are JSON (read and written
 * whole, with the version as the optimistic lock); what is queried is in top-level attributes:
 * - `applicant` + `createdAt` (byApplicant): 我的办事;
 * - `orgL0`…`orgL3` + `queueKey` (byOrgL0…byOrgL3): the path of the org the application is filed
 *   under (the open step's org while pending, the last step reached once closed), one attribute per
 *   depth, so an official's whole subtree is one query of the index of their org's depth;
 *   `queueKey` = `<status>#<createdAt>#<id>` (begins_with status, oldest first);
 * - `openFlag` + `openDueDate` (byDue, keys only) while a step is open: the scheduler's reminders
 *   and escalations (`openFlag = open AND openDueDate <= D`);
 * - `openStepId` while pending: a decision is written only if its step is still the open one.
 * `rating` and `followUp` (JSON) are set once the closed application is rated (好差评).
 */
export interface ApplicationItem extends Item {
  id: string;
  kind: string;
  status: string;
  version: number;
  applicant: string;
  applicantName: string;
  memberId?: string;
  record: string;
  steps: string;
  timeline: string;
  /** Timeline entries dropped to bound the item (domain/engine.ts › TIMELINE_KEPT). */
  timelineOmitted?: number;
  createdAt: string;
  updatedAt: string;
  previousId?: string;
  openStepId?: string;
  openFlag?: string;
  openDueDate?: string;
  orgL0?: string;
  orgL1?: string;
  orgL2?: string;
  orgL3?: string;
  queueKey: string;
  rating?: string;
  followUp?: string;
}

const level = (n: number) => ({
  type: String,
  index: { name: `byOrgL${n}`, type: 'global' as const, rangeKey: 'queueKey', project: true },
});

export const ApplicationModel = /* @__PURE__ */ lazyModel<ApplicationItem>(
  'applications',
  () =>
    new dynamoose.Schema({
      id: { type: String, hashKey: true },
      kind: { type: String, required: true, enum: ['join', 'transfer', 'subsidy'] },
      status: { type: String, required: true, enum: ['pending', 'approved', 'rejected', 'cancelled'] },
      version: { type: Number, required: true },
      applicant: { type: String, required: true, index: { name: 'byApplicant', type: 'global', rangeKey: 'createdAt', project: true } },
      applicantName: { type: String, required: true },
      memberId: String,
      record: { type: String, required: true },
      steps: { type: String, required: true },
      timeline: { type: String, required: true },
      timelineOmitted: Number,
      createdAt: { type: String, required: true },
      updatedAt: { type: String, required: true },
      previousId: String,
      openStepId: String,
      openFlag: { type: String, index: { name: 'byDue', type: 'global', rangeKey: 'openDueDate', project: false } },
      openDueDate: String,
      orgL0: level(0),
      orgL1: level(1),
      orgL2: level(2),
      orgL3: level(3),
      queueKey: { type: String, required: true },
      rating: String,
      followUp: String,
    }),
);
