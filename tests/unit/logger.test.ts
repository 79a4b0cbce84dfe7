import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, withLogContext } from '../../functions/kernel/logger';

afterEach(() => vi.restoreAllMocks());

/** Captures what the logger writes (both streams), at LOG_LEVEL `level`, while `fn` runs. */
async function captured(fn: () => unknown, level = 'debug'): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = level;
  try {
    await fn();
  } finally {
    if (previous === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previous;
  }
  return lines;
}

const ID = '46010619900307123X';
const PHONE = '13876001001';

describe('logger', () => {
  it('writes one JSON line and masks ID numbers wherever they appear, errors included', async () => {
    const lines = await captured(() => log.error(`binding failed for ${ID}`, { idNumber: ID, error: new Error(`condition failed on ${ID}`) }));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.level).toBe('error');
    expect(lines[0]).not.toContain(ID);
    expect(entry.idNumber).toBe('46**************3X');
    expect(entry.error.message).toContain('46**************3X');
  });

  it('masks mobile numbers in messages and values, and phone fields whatever their shape, at any depth', async () => {
    const lines = await captured(() =>
      log.warn(`no member holds ${PHONE}`, {
        detail: `phone=${PHONE};`,
        phone: '+86 138-7600-1001',
        member: { purePhoneNumber: PHONE, roster: [{ mobile: '(0898) 6650-1234' }] },
        ids: [`x${ID}`],
        count: 13876001001,
        claimedAt: 1764739200000,
      }),
    );
    const [line] = lines as [string];
    for (const raw of [PHONE, '7600-1001', '6650-1234', ID]) expect(line).not.toContain(raw);
    const entry = JSON.parse(line);
    expect(entry.message).toBe('no member holds 138****1001');
    expect(entry.detail).toBe('phone=138****1001;');
    expect(entry.member.purePhoneNumber).toBe('138****1001');
    expect(entry.phone).toMatch(/^\+86\*+1001$/);
    expect(entry.count).toBe('138****1001');
    expect(entry.claimedAt).toBe(1764739200000);
  });

  it('keeps only the name, message and stack of a thrown error, with personal data masked', async () => {
    const err = Object.assign(new Error(`member 王海涛 (${ID}, ${PHONE}) not in 海口椰城公交工会`), {
      item: { name: '王海涛', phone: PHONE },
      $metadata: { requestId: 'x' },
    });
    const lines = await captured(() => {
      log.error('unexpected', { error: err });
      log.error('unexpected value', { error: { name: '王海涛', idNumber: ID } });
    });
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(Object.keys(first.error).sort()).toEqual(['message', 'name', 'stack']);
    expect(first.error.message).toBe('member 王*涛 (46**************3X, 138****1001) not in 海******会');
    expect(second.error).toEqual({ thrown: 'object' });
    for (const line of lines) for (const raw of ['王海涛', ID, PHONE]) expect(line).not.toContain(raw);
  });

  it('adds the request id and route to every line written inside a request, and nothing outside one', async () => {
    const lines = await captured(() =>
      withLogContext({ requestId: 'req-1', route: 'POST /api/me/binding' }, async () => {
        log.info('before');
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.warn('after an await');
      }).then(() => log.info('outside')),
    );
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.message, e.requestId, e.route])).toEqual([
      ['before', 'req-1', 'POST /api/me/binding'],
      ['after an await', 'req-1', 'POST /api/me/binding'],
      ['outside', undefined, undefined],
    ]);
  });

  it('leaves out lines below LOG_LEVEL', async () => {
    const quiet = await captured(() => log.info('quiet'), 'warn');
    const loud = await captured(() => log.debug('loud'), 'debug');
    expect([...quiet, ...loud].map((l) => JSON.parse(l).message)).toEqual(['loud']);
  });
});

describe('logger inside a real Lambda', () => {
  it("writes its JSON lines to the process's streams, not through the runtime's patched console", () => {
    const env = { name: process.env.AWS_LAMBDA_FUNCTION_NAME, offline: process.env.IS_OFFLINE };
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'hainan-union-membership-prod-meBinding';
    delete process.env.IS_OFFLINE;
    const patched = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      log.info('binding refused', { metric: 'BindingRefused' });
    } finally {
      if (env.name === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = env.name;
      if (env.offline !== undefined) process.env.IS_OFFLINE = env.offline;
    }
    expect(patched).not.toHaveBeenCalled();
    expect(written).toHaveLength(1);
    // The whole line is the JSON a metric filter reads ({ $.metric = "BindingRefused" }).
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 'info', message: 'binding refused', metric: 'BindingRefused' });
  });
});
