/** Masks for personal data shown to a member or written to a log. */

/**
 * 460106199001011234 → 46**************34. First 2 + last 2 only: with the area code or the birth
 * date shown, the rest of an ID number can be rebuilt from public lists and the check character.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  return id.slice(0, 2) + '*'.repeat(id.length - 4) + id.slice(-2);
}

/** 13800138000 → 138****8000 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/**
 * An openid shown to officials or kept in the audit trail: its first 4 and last 4 characters
 * (o6_bmjrPTlm6_2sgVt7hMZOPfL2M → o6_b****fL2M, enough to tell two accounts apart); 8 characters or
 * fewer (demo accounts) keep 2. Idempotent: a masked openid masks to itself.
 */
export function maskOpenid(openid: string): string {
  if (openid.includes('****')) return openid;
  return openid.length <= 8 ? `${openid.slice(0, 2)}****` : `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜 */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

const ID_LIKE = /\b\d{17}[\dXx]\b/g;

/** Defence in depth for logs: blank out anything shaped like an ID number. */
export function redactIdNumbers(text: string): string {
  return text.replace(ID_LIKE, (m: string) => maskIdNumber(m));
}
