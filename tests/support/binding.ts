import type { BindingRequest } from '../../functions/membership/contracts/me';

/** The binding request a member would send for a roster entry, with their consent given. */
export function bindingOf(
  member: { name: string; idNumber: string; phone: string },
  overrides: Partial<Omit<BindingRequest, 'consent'>> = {},
): BindingRequest {
  return { name: member.name, idNumber: member.idNumber, phone: member.phone, consent: true, ...overrides };
}
