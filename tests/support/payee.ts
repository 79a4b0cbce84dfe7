/**
 * Bank cards for subsidy forms in tests: 19 digits with a right Luhn check digit (computed by hand
 * and with python's reference loop), and the same number with its last digit changed.
 */
export const TEST_CARD = '6222021234567890128';
export const TEST_CARD_MASKED = '***************0128';
export const TEST_CARD_BAD_CHECK = '6222021234567890123';
export const OTHER_CARD = '6217000000000000004';
export const TEST_PAYEE = { bankName: '中国工商银行海口分行', accountNumber: TEST_CARD };
