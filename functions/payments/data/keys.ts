/** The orders table's sparse byOpen index: which orders a reconciliation or a desk list looks at. */
export const orderKeys = {
  /** Orders in these states carry openKey = the state (and openSince = when they entered it). */
  openStates: ['paying', 'refund_requested', 'refunding', 'refund_failed'] as const,
};
