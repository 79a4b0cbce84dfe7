/**
 * The payments capability (WeChat Pay, 我的订单, refunds, bans)'s public entry: nothing beyond the
 * contracts (functions/payments/contracts/), which the mini-program shares.
 */
export {};
