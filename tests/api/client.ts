import { inject } from 'vitest';
import { loadDemoData } from '../../scripts/lib/demo-data';

/** A tiny HTTP client for the API under serverless-offline (the real entry points, over TCP). */
export const apiUrl = () => inject('apiUrl');

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${apiUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export async function loginAs(name: string): Promise<string> {
  const answer = await call('POST', '/api/auth/login', { json: { code: `dev:${name}` } });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return answer.body.token as string;
}

/** Unbound demo roster members, reserved for the API tests by index (the e2e tests use the first few). */
export function demoMember(index: number) {
  const data = loadDemoData();
  const bound = new Set(data.accounts.flatMap((a) => (a.memberId ? [a.memberId] : [])));
  const free = data.members.filter((m) => !bound.has(m.id));
  const member = free[100 + index];
  if (!member) throw new Error(`no demo member ${index}`);
  return member;
}

export const unique = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
