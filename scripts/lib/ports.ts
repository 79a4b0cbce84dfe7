import { createServer } from 'node:net';
import { StackStartError } from './errors';

/** True when nothing listens on `port` on any interface (DynamoDB Local binds all of them). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Throws a one-line StackStartError when `port` is taken; `envName` tells how to pick another. */
export async function assertPortFree(port: number, what: string, envName?: string): Promise<void> {
  if (await isPortFree(port)) return;
  const hint = envName ? `，或用环境变量 ${envName} 换一个端口` : '';
  throw new StackStartError(`端口 ${port} 已被占用（${what}需要它）：请先停止占用该端口的程序${hint}。`);
}

/** Reads a port number from the environment, or the default. */
export function portFromEnv(envName: string, fallback: number): number {
  const raw = process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StackStartError(`环境变量 ${envName}=${raw} 不是有效的端口号（1–65535）。`);
  }
  return port;
}
