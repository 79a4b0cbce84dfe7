/** "6123456789" → "612 345 6789": three groups, the way a clerk reads a number aloud and types it. */
export function groupShortCode(code: string): string {
  if (code.length <= 4) return code;
  if (code.length <= 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  return `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
}

/** The QR's text alternative: what a screen reader says instead of the dots. */
export function qrLabel(kind: string, code: string | null): string {
  return code ? `${kind}二维码，数字码 ${code.split('').join(' ')}` : `${kind}二维码`;
}
