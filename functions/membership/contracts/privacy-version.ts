/**
 * The 隐私政策's current version, apart from its text (privacy.ts): what records the versions (the
 * data export) does not carry the texts (≈ 20 KB of a bundle). The 会员信息授权说明's version is
 * BINDING_CONSENT_VERSION (me.ts).
 */
export const PRIVACY_POLICY_VERSION = '2026-12';
