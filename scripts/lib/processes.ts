import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/**
 * Child processes of the local stack. Each runs in its own process group (detached), so stop()
 * ends the whole tree it started (serverless-offline's esbuild service, a shell's children…) with
 * one signal to the group, and a Ctrl-C in the terminal reaches only this script, which then stops
 * the children in order.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or null when killed by a signal) once the leader has exited. */
  readonly exited: Promise<number | null>;
  /** The last lines the process wrote (stdout and stderr), for error messages. */
  recentOutput(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ManagedProcess>();

// Last resort when this process exits without stopping its children (an uncaught error, a
// test runner dying): kill every group still running. process.kill is synchronous.
process.once('exit', () => {
  for (const p of live) killGroup(p.child.pid, 'SIGKILL');
});

export function hasLiveProcesses(): boolean {
  return live.size > 0;
}

/** Stops every child group still running, newest first (e.g. on Ctrl-C while the stack starts). */
export async function stopAllProcesses(): Promise<void> {
  for (const p of [...live].reverse()) await p.stop();
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

function groupAlive(pid: number | undefined): boolean {
  return killGroup(pid, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StartOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  name: string;
  /** Called with each complete output line (e.g. to print it with a prefix). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Lines kept for recentOutput(). */
  keepLines?: number;
}

export function startProcess(command: string, args: string[], options: StartOptions): ManagedProcess {
  const { name, onLine, keepLines = 40, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        // Progress bars redraw with escape sequences and carriage returns: keep what stays visible.
        const line = stripVTControlCharacters(raw).split('\r').at(-1) ?? '';
        if (line.trim() === '') continue;
        recent.push(line);
        if (recent.length > keepLines) recent.shift();
        onLine?.(line, stream);
      }
    };
  };
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));

  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject); // e.g. ENOENT: the command does not exist
    child.once('exit', (code) => resolve(code));
  });
  exited.catch(() => undefined).finally(() => {
    if (!groupAlive(child.pid)) live.delete(handle);
  });

  const handle: ManagedProcess = {
    name,
    child,
    exited,
    recentOutput: () => recent.join('\n'),
    async stop(graceMs = 5_000) {
      const pid = child.pid;
      if (killGroup(pid, 'SIGTERM')) {
        const deadline = Date.now() + graceMs;
        while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
        if (groupAlive(pid)) {
          killGroup(pid, 'SIGKILL');
          while (groupAlive(pid)) await sleep(50);
        }
      }
      await exited.catch(() => undefined);
      live.delete(handle);
    },
  };
  live.add(handle);
  return handle;
}
