/**
 * The payments capability (WeChat Pay, 我的订单, refunds, bans)'s public entry: the contracts
 * (functions/payments/contracts/), which the mini-program shares, and its part of a data subject's
 * export (functions/privacy).
 */
export type { PaymentsExport } from './services/data-subject';
export { paymentsDataSubject } from './services/data-subject-deps';
