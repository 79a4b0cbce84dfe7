import type { BindingRequest } from '../../functions/membership/contracts/me';

/** What WeChat's 手机号快速验证 gives for a number under the development adapter. */
export const phoneCodeOf = (phone: string) => `dev-phone:${phone}`;

/**
 * The binding request a member would send for a roster entry, with their consent given: name and ID
 * number as typed, and the code WeChat gives for the phone number of the person tapping the button
 * (`phone`: by default the member's own).
 */
export function bindingOf(
  member: { name: string; idNumber: string; phone: string },
  overrides: { name?: string; idNumber?: string; phone?: string } = {},
): BindingRequest {
  return {
    name: overrides.name ?? member.name,
    idNumber: overrides.idNumber ?? member.idNumber,
    phoneCode: phoneCodeOf(overrides.phone ?? member.phone),
    consent: true,
  };
}
