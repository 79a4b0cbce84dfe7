/**
 * The station finder (职工驿站)'s public entry. Nothing beyond the contracts
 * (functions/stations/contracts/), which the mini-program shares.
 */
export {};
