import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { StackStartError } from './errors';
import { projectRoot } from './paths';

/**
 * The back end's configuration read without the framework (≈ 5 ms instead of ≈ 3–6 s for
 * `serverless print`): the YAML with CloudFormation's short tags, and the few variable sources the
 * local stack needs resolved the way the framework does. tests/integration/tables.test.ts checks the
 * outcome against `serverless print` of the root serverless.yml (the local aggregate), which takes
 * its params and provider from SHARED_FILE and its tables from TABLES_FILE.
 */
export const SERVERLESS_FILE = join(projectRoot, 'serverless.yml');
/** Params and the provider (environment) every stack shares. */
export const SHARED_FILE = join(projectRoot, 'infra', 'shared.yml');
/** Every DynamoDB table (`Resources:`), deployed by the platform stack. */
export const TABLES_FILE = join(projectRoot, 'infra', 'tables.yml');

/** CloudFormation short-form intrinsics: parsed into their long form so the file loads. */
const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'FindInMap', 'GetAZs',
  'ImportValue', 'Base64', 'Cidr', 'If', 'Equals', 'Not', 'And', 'Or', 'Transform'];

const cloudFormationTags: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }) },
    { tag, collection: 'seq' as const, resolve: (value: { toJSON(): unknown }) => ({ [key]: value.toJSON() }) },
    { tag, collection: 'map' as const, resolve: (value: { toJSON(): unknown }) => ({ [key]: value.toJSON() }) },
  ];
});

export interface ServerlessFile {
  service?: string | { name: string };
  params?: Record<string, Record<string, unknown>>;
  provider?: { environment?: Record<string, unknown> };
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
}

export function readServerlessFile(file = SHARED_FILE): ServerlessFile {
  return parse(readFileSync(file, 'utf8'), { customTags: cloudFormationTags, merge: true }) as ServerlessFile;
}

export function serviceName(doc: ServerlessFile): string {
  if (doc.service === undefined) throw new StackStartError('infra/shared.yml 没有 service 名称。');
  return typeof doc.service === 'string' ? doc.service : doc.service.name;
}

const VARIABLE = /\$\{([^${}]+)\}/;

/**
 * Resolves ${self:service}, ${sls:stage}, ${opt:stage}, ${self:provider.stage}, ${param:x} (the
 * stage's params over `default`) and ${env:X, 'fallback'} in `text`, innermost first. Anything else
 * is refused with a one-line error rather than guessed.
 */
export function resolveVariables(text: string, doc: ServerlessFile, stage: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (let guard = 0; VARIABLE.test(out); guard += 1) {
    if (guard > 100) throw new StackStartError(`serverless.yml 中的变量无法解析（循环引用？）：${text}`);
    out = out.replace(VARIABLE, (_whole, expression: string) => {
      const [reference = '', ...rest] = expression.split(',');
      const fallbackRaw = rest.join(',').trim();
      const fallback = fallbackRaw === '' ? undefined : fallbackRaw.replace(/^(['"])(.*)\1$/, '$2');
      const ref = reference.trim();
      let value: unknown;
      if (ref === 'self:service') value = serviceName(doc);
      else if (ref === 'sls:stage' || ref === 'opt:stage' || ref === 'self:provider.stage') value = stage;
      else if (ref.startsWith('param:')) {
        const name = ref.slice('param:'.length);
        value = doc.params?.[stage]?.[name] ?? doc.params?.default?.[name];
      } else if (ref.startsWith('env:')) {
        // As the framework does: a variable set to '' is set (no fallback).
        value = env[ref.slice('env:'.length)];
      } else {
        throw new StackStartError(`serverless.yml 中的变量 \${${expression}} 无法在本地解析：${text}`);
      }
      if (value === undefined || value === null) value = fallback;
      if (value === undefined) throw new StackStartError(`serverless.yml 中的变量 \${${expression}} 没有值（阶段 ${stage}）。`);
      return String(value);
    });
  }
  return out;
}

/** provider.environment as the functions of `stage` see it, given the shell environment `env`. */
export function providerEnvironment(stage: string, env: NodeJS.ProcessEnv = process.env, doc = readServerlessFile()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(doc.provider?.environment ?? {})) {
    out[name] = resolveVariables(String(value ?? ''), doc, stage, env);
  }
  return out;
}
