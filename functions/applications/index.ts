/**
 * The applications capability's (工会业务一网通办) public entry: what other capabilities may use.
 * Nothing yet beyond the contracts (functions/applications/contracts/), which the mini-program
 * shares; the later parts (the reminder/escalation schedule, the outbox sender) live in this
 * capability too.
 */
export type { Application, ApplicationKind, ApplicationStatus } from './domain/types';
/** A data subject's rights (PIPL): an account's applications for its export, and closing it (functions/privacy/). */
export type { ExportedApplication } from './services/data-subject';
export { applicationsDataSubject } from './services/data-subject-deps';
/** The 好差评 figures of subtrees for a month, for the dashboard (functions/stats/). */
export { applicationsSatisfaction } from './services/satisfaction-figures';
/**
 * Official messages: another capability's words to the officials of an org, put in the outbox in its
 * own transaction and delivered by the sender (functions/workbench: the roster import's requests to
 * a member's union and its alerts to the level above).
 */
export type { OfficialMessage } from './domain/engine';
export { officialNoticeWrite } from './data/official-notices';
/**
 * The engine for kinds filed elsewhere (困难帮扶, functions/hardship): the state machine over plain
 * values (steps, deadlines in working days, decisions, the two-person rule), the built-in working-day
 * calendar, and the proof uploads' key rules (a form names keys under the filer's own prefix).
 */
export type { Actor, Step, HardshipRecord } from './domain/types';
export type { Clock } from './domain/engine';
export { cancel, changed, decide, entry, isOverdue, newApplication, openStepOf } from './domain/engine';
export { HARDSHIP_STEP_NAMES, KIND_RULES } from './domain/kinds';
export { addWorkingDays, buildCalendar, shanghaiDate, type WorkCalendar } from './domain/working-days';
export { BUILT_IN_YEARS } from './data/built-in-calendar';
export { proofKeys } from './data/keys';
/**
 * 好差评 for kinds filed elsewhere (困难帮扶): the engine's rating rules (who, once, when) and the
 * counter writes of 满意度统计, for the filing capability's own transaction.
 */
export { rate, ratingRefusal } from './domain/ratings';
export type { CounterChange } from './domain/satisfaction';
export { counterWrites } from './data/satisfaction-store';
/**
 * Member messages: another capability's words to one member (the payments' 递补 notice), put once
 * by its id in the outbox, delivered by the sender as a progress message and listed in the member's
 * 消息中心.
 */
export type { MemberMessage } from './domain/engine';
export { putMemberNotice } from './data/member-notices';
