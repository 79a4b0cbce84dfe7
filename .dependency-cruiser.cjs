/**
 * The architecture, checked by `npm run lint:deps` (part of `npm test`). See README › Layout.
 * functions/ holds one folder per capability over a shared kernel:
 *   kernel/          what every capability shares: http, config, secrets, tokens, logger, errors,
 *                    crypto, WeChat, and in data/ the DynamoDB client, the one transaction runner
 *                    (transactions.ts), batch reads and writes, the shared guards table and the
 *                    rate-limit windows, object storage
 *   <capability>/    api/ (entry points) · services/ (use cases, ports, deps) · domain/ (plain rules,
 *                    its audit action codes) · data/ (dynamoose models, stores, its keys.ts)
 *                    · contracts/ (zod, shared with src/) · index.ts (what other capabilities may use)
 * The audit trail is a capability too (functions/audit): writers reach auditPut through its index.ts.
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
      name: 'storage-stays-in-its-capability',
      comment:
        "A capability's storage (data/: models, stores, keys) is imported inside that capability only; others get what it shares through its index.ts.",
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/[^/]+/data/', pathNot: ['^functions/$1/', '^functions/kernel/'] },
    },
    {
      name: 'kernel-holds-no-capability-slice',
      comment:
        "The kernel keeps what every capability shares: no module of it builds one capability's keys, audit actions or stores (they live in the capability's folder).",
      severity: 'error',
      from: {},
      to: {
        path: '^functions/kernel/.*(keys|audit|benefit|coupon|claim|redemption|application|campaign|subsidy|satisfaction|proof|outbox|roster|member|merchant|org|stats|workbench|import|privacy)[^/]*\\.ts$',
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
