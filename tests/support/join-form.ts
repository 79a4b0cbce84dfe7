import { JOIN_ID_CONSENT_VERSION, type JoinForm } from '../../functions/applications/contracts/applications';
import { makeIdNumber, makePhone } from './ids';

/** The development stand-in for WeChat's 手机号快速验证 code of `phone` (local and test stages). */
export const devPhone = (phone: string) => `dev-phone:${phone}`;

/** A valid join form for a new person (fresh ID number, and a fresh phone as verified by WeChat), to `targetOrgId`. */
export function joinForm(targetOrgId: string, overrides: Partial<JoinForm> = {}): JoinForm {
  const idNumber = makeIdNumber('female');
  return {
    name: '黎小燕',
    sex: 'female',
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    ethnicity: '黎族',
    employmentStatus: 'platform',
    idNumber,
    education: 'senior',
    skillLevel: 'none',
    phoneCode: devPhone(makePhone()),
    householdRegistration: '海南省琼中黎族苗族自治县',
    residence: '海南省海口市龙华区',
    politicalStatus: 'masses',
    workUnit: '海口某外卖配送站',
    targetOrgId,
    migrantWorker: true,
    idConsentVersion: JOIN_ID_CONSENT_VERSION,
    ...overrides,
  };
}
