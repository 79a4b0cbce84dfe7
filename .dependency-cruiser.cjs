/**
 * The architecture, checked by `npm run lint:deps` (part of `npm test`). See README › Layout.
 * functions/ holds one folder per capability over a shared kernel:
 *   kernel/          http, config, secrets, tokens, logger, errors, keys, DynamoDB client, WeChat
 *   <capability>/    api/ (entry points) · services/ (use cases, ports, deps) · domain/ (plain rules)
 *                    · data/ (dynamoose models and stores) · contracts/ (zod, shared with src/)
 *                    · index.ts (what other capabilities may use)
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and bundles unpredictable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-knows-no-capability',
      severity: 'error',
      comment: 'The kernel is shared by every capability and depends on none of them.',
      from: { path: '^functions/kernel/' },
      to: { path: '^functions/', pathNot: '^functions/kernel/' },
    },
    {
      name: 'capabilities-meet-at-their-public-entry',
      severity: 'error',
      comment:
        "A capability uses another one only through that one's index.ts (or its contracts), never its storage or use cases.",
      from: { path: '^functions/([^/]+)/', pathNot: '^functions/kernel/' },
      to: {
        path: '^functions/[^/]+/',
        pathNot: ['^functions/$1/', '^functions/kernel/', '^functions/[^/]+/index\\.ts$', '^functions/[^/]+/contracts/'],
      },
    },
    {
      name: 'domain-is-plain',
      severity: 'error',
      comment: 'Domain rules are plain functions over plain types: no storage, no use cases, no SDK.',
      from: { path: '^functions/[^/]+/domain/' },
      to: { path: ['^functions/[^/]+/(data|services|api)/', 'node_modules/(dynamoose|@aws-sdk|@middy)/'] },
    },
    {
      name: 'entry-points-are-thin',
      severity: 'error',
      comment: 'A Lambda entry point parses, calls a use case and maps the result; it never touches storage.',
      from: { path: '^functions/[^/]+/api/' },
      to: { path: ['^functions/[^/]+/data/', '^functions/kernel/data/', 'node_modules/(dynamoose|@aws-sdk)/'] },
    },
    {
      name: 'mini-program-sees-only-contracts',
      severity: 'error',
      comment: 'The mini-program shares the contracts with the functions and nothing else of the back end.',
      from: { path: '^src/' },
      to: { path: '^functions/', pathNot: ['^functions/[^/]+/contracts/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.esbuild|\\.local)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
