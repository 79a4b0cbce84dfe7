import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../functions/kernel/logger';

afterEach(() => vi.restoreAllMocks());

describe('logger', () => {
  it('writes one JSON line and masks ID numbers wherever they appear, errors included', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const id = '46010619900307123X';
    log.error(`binding failed for ${id}`, { idNumber: id, error: new Error(`condition failed on ${id}`) });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.level).toBe('error');
    expect(lines[0]).not.toContain(id);
    expect(entry.idNumber).toBe('46**************3X');
    expect(entry.error.message).toContain('46**************3X');
  });

  it('leaves out lines below LOG_LEVEL', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    log.info('quiet');
    process.env.LOG_LEVEL = 'debug';
    log.debug('loud');
    process.env.LOG_LEVEL = previous;
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['loud']);
  });
});
