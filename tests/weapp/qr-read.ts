/**
 * Reads a QR drawn by src/components/member-qr back into modules under miniprogram-simulate: one row
 * element per module row, one run element per dark stretch, placed by its inline `left`/`width` in
 * multiples of the row height. Then tells which payload (at which error-correction level) it encodes.
 */
import qrcode from 'qrcode-generator';

export function drawnModules(qr: Element): boolean[][] {
  const rows = [...qr.children] as HTMLElement[];
  const size = rows.length;
  return rows.map((row) => {
    const cell = parseFloat(row.style.height);
    const modules = Array<boolean>(size).fill(false);
    if (!(cell > 0)) return modules;
    for (const run of [...row.children] as HTMLElement[]) {
      const start = Math.round(parseFloat(run.style.left) / cell);
      const length = Math.round(parseFloat(run.style.width) / cell);
      for (let c = start; c < start + length; c += 1) modules[c] = true;
    }
    return modules;
  });
}

/** Whether `modules` are exactly the standard encoding of `payload` at some error-correction level. */
export function encodes(modules: boolean[][], payload: string): boolean {
  return (['L', 'M', 'Q', 'H'] as const).some((level) => {
    const qr = qrcode(0, level);
    qr.addData(payload, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    return n === modules.length && modules.every((row, r) => row.every((dark, c) => dark === qr.isDark(r, c)));
  });
}
