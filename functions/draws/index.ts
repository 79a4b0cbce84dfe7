/**
 * The draws capability (答题抽奖, 报名抽签)'s public entry. Nothing yet beyond the contracts
 * (functions/draws/contracts/), which the mini-program shares; benefits carry their draw's reference.
 */
export {};
