import qrcode from 'qrcode-generator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemberQr } from '../../src/components/member-qr';
import { qrRows } from '../../src/components/member-qr/matrix';
import { mount, type Mounted } from './render';

// Taro's React components for the DOM (the package's default entry is for the mini-program runtime).
vi.mock('@tarojs/components', async () => await import('@tarojs/components/lib/react/index.js'));

/** The module matrix straight from qrcode-generator, as the reference. */
function referenceMatrix(bytes: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(bytes, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

function matrixFromRuns(size: number, rows: Array<Array<{ start: number; length: number }>>): boolean[][] {
  return rows.map((runs) => {
    const row = Array.from({ length: size }, () => false);
    for (const { start, length } of runs) {
      for (let c = start; c < start + length; c += 1) {
        expect(row[c], 'runs must not overlap').toBe(false);
        row[c] = true;
      }
    }
    return row;
  });
}

const PAYLOAD =
  'eyJhbGciOiJFUzI1NiIsImtpZCI6ImNhcmQtMSJ9.eyJzdWIiOiJNMDAwMDAxIiwiY2FyZCI6IjQ2MDEwMTEwMDAwMDAwMTIiLCJleHAiOjE3MzU2OTYwMDB9.c2lnbmF0dXJl';

describe('qrRows', () => {
  it('describes exactly the modules qrcode-generator encodes, as dark runs per row', () => {
    const { size, rows } = qrRows(PAYLOAD);
    const expected = referenceMatrix(PAYLOAD);
    expect(size).toBe(expected.length);
    expect(rows).toHaveLength(size);
    expect(matrixFromRuns(size, rows)).toEqual(expected);
    // Runs are maximal: two runs in a row never touch.
    for (const runs of rows) {
      for (let i = 1; i < runs.length; i += 1) {
        expect(runs[i]!.start).toBeGreaterThan(runs[i - 1]!.start + runs[i - 1]!.length);
      }
    }
  });

  it('starts every code with the 7×7 finder pattern in the top-left corner', () => {
    const { rows } = qrRows('46010110000000123');
    const firstRunOf = (r: number) => rows[r]![0];
    expect(firstRunOf(0)).toEqual({ start: 0, length: 7 });
    expect(rows[1]!.slice(0, 2)).toEqual([
      { start: 0, length: 1 },
      { start: 6, length: 1 },
    ]);
    expect(rows[3]!.slice(0, 3)).toEqual([
      { start: 0, length: 1 },
      { start: 2, length: 3 },
      { start: 6, length: 1 },
    ]);
    expect(firstRunOf(6)).toEqual({ start: 0, length: 7 });
  });

  it('encodes non-ASCII text as UTF-8 bytes', () => {
    const text = '海南工会 card';
    const utf8 = Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
    const { size, rows } = qrRows(text);
    expect(matrixFromRuns(size, rows)).toEqual(referenceMatrix(utf8));
  });
});

describe('<MemberQr>', () => {
  let mounted: Mounted | undefined;
  afterEach(async () => {
    await mounted?.unmount();
    mounted = undefined;
  });

  /** Read the rendered Views back into a module matrix, using their pixel offsets. */
  function renderedMatrix(root: HTMLElement): boolean[][] {
    const size = Number(root.getAttribute('data-modules'));
    const cell = Number(root.getAttribute('data-cell'));
    const rowEls = Array.from(root.querySelectorAll<HTMLElement>('.member-qr__row'));
    expect(rowEls).toHaveLength(size);
    const quiet = parseFloat(rowEls[0]!.style.top);
    return rowEls.map((rowEl, r) => {
      expect(parseFloat(rowEl.style.top)).toBe(quiet + r * cell);
      const row = Array.from({ length: size }, () => false);
      for (const run of Array.from(rowEl.querySelectorAll<HTMLElement>('.member-qr__run'))) {
        const start = parseFloat(run.style.left) / cell;
        const length = parseFloat(run.style.width) / cell;
        expect(Number.isInteger(start) && Number.isInteger(length)).toBe(true);
        for (let c = start; c < start + length; c += 1) row[c] = true;
      }
      return row;
    });
  }

  it('draws the payload as Views whose positions reproduce the QR matrix', async () => {
    mounted = await mount(<MemberQr payload={PAYLOAD} sizePx={240} />);
    const root = mounted.container.querySelector<HTMLElement>('#card-qr');
    expect(root).not.toBeNull();
    const expected = referenceMatrix(PAYLOAD);
    expect(Number(root!.getAttribute('data-modules'))).toBe(expected.length);
    // Whole-pixel modules, and the code plus its 4-module quiet zone fits the requested width.
    const cell = Number(root!.getAttribute('data-cell'));
    expect(Number.isInteger(cell) && cell >= 2).toBe(true);
    expect(cell * (expected.length + 8)).toBeLessThanOrEqual(240);
    expect(renderedMatrix(root!)).toEqual(expected);
  });

  it('redraws when the payload is refreshed', async () => {
    mounted = await mount(<MemberQr payload={PAYLOAD} />);
    const root = () => mounted!.container.querySelector<HTMLElement>('#card-qr')!;
    const before = renderedMatrix(root());
    const next = `${PAYLOAD}.refreshed`;
    await mounted.rerender(<MemberQr payload={next} />);
    const after = renderedMatrix(root());
    expect(after).not.toEqual(before);
    expect(after).toEqual(referenceMatrix(next));
  });
});
