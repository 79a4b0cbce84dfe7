import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BINDING_REFUSALS_ALARM_PER_HOUR } from '../../functions/membership/services/binding';

/**
 * What `serverless package --stage prod` would deploy, checked without AWS credentials.
 *
 * The service is copied into a temporary directory (node_modules linked) and packaged there with
 * `--package`, so this run never shares `.esbuild/` or `.serverless/` with a developer's
 * `npm run package` or `npm start` running in the working tree at the same time.
 */

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const serverlessBin = join(dirname(createRequire(__filename).resolve('serverless/package.json')), 'bin/serverless.js');

const SERVICE = 'hainan-union';
const STAGE = 'prod';
const MAX_ZIP_BYTES = 250 * 1024;
/**
 * The roster import's functions carry the spreadsheet readers (exceljs, papaparse: ≈ 850 KB zipped)
 * because their use cases share one module: officials' back-office calls, where a slower cold start
 * is acceptable. Open: split the parsing out so only the worker and the template carry it.
 */
const ROSTER_IMPORT_MAX_ZIP_BYTES = 1_200 * 1024;
const maxZipBytes = (name: string) => (name.startsWith('rosterImports') ? ROSTER_IMPORT_MAX_ZIP_BYTES : MAX_ZIP_BYTES);
/** Every function's Lambda runtime, and the syntax level its bundle is built for. */
const RUNTIME = 'nodejs22.x';
const ESBUILD_TARGET = 'node22';
/** Not copied into the packaging directory: dependencies, build output, caches, VCS. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.esbuild', '.serverless', '.taro-cache', '.swc', '.local', 'coverage']);

/** Values that a careless deploy shell could leak into the functions (the tests export such things). */
const LEAKY_ENV = {
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  LOCAL_SECRETS_FILE: '/tmp/hainan-union-secrets.json',
  WECHAT_API_BASE: 'http://127.0.0.1:9999',
  WECHAT_APP_ID: 'wx0123456789abcdef',
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface SourceFunction {
  handler: string;
  events?: Array<{ httpApi?: { method: string; path: string }; schedule?: unknown }>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let workDir: string;
let packageDir: string;
let template: Json;
let printed: Record<'local' | 'test', Json>;
let packageSeconds: number;
const sourceConfig = parse(readFileSync(join(root, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as Json;
const sourceFunctions = sourceConfig.functions as Record<string, SourceFunction>;

function serverless(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [serverlessBin, ...args], {
    cwd: join(workDir, 'service'),
    env: { ...process.env, ...env, ESBUILD_WORK_FOLDER: '.esbuild', SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    maxBuffer: 32 * 1024 * 1024,
  });
}

const resources = () => Object.entries(template.Resources as Record<string, Json>);
const resourcesOfType = (type: string) => resources().filter(([, r]) => r.Type === type);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const functionResource = (name: string) => {
  const found = resourcesOfType('AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === `${SERVICE}-${STAGE}-${name}`,
  );
  if (!found) throw new Error(`no AWS::Lambda::Function for ${name}`);
  return found;
};
const zipPathOf = (name: string) => join(packageDir, basename(functionResource(name)[1].Properties.Code.S3Key as string));

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'hainan-infra-'));
  const service = join(workDir, 'service');
  cpSync(root, service, { recursive: true, filter: (src) => !(dirname(src) === root && NOT_COPIED.has(basename(src))) });
  symlinkSync(join(root, 'node_modules'), join(service, 'node_modules'), 'dir');
  packageDir = join(workDir, 'package');

  const started = Date.now();
  const [, local, test] = await Promise.all([
    serverless(['package', '--stage', STAGE, '--package', packageDir], LEAKY_ENV).then((r) => {
      packageSeconds = (Date.now() - started) / 1000;
      return r;
    }),
    serverless(['print', '--stage', 'local', '--format', 'json'], LEAKY_ENV),
    serverless(['print', '--stage', 'test', '--format', 'json'], LEAKY_ENV),
  ]);
  template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));
  printed = { local: JSON.parse(local.stdout), test: JSON.parse(test.stdout) };
  console.info(`serverless package --stage ${STAGE}: ${packageSeconds.toFixed(1)} s`);
}, 110_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe(`the ${STAGE} CloudFormation template`, () => {
  it(`declares the functions of serverless.yml, on ${RUNTIME} (bundled for ${ESBUILD_TARGET}), with their handlers`, () => {
    expect(sourceConfig.custom.esbuild.target).toBe(ESBUILD_TARGET);
    const names = Object.keys(sourceFunctions);
    expect(names.length).toBeGreaterThan(0);
    expect(resourcesOfType('AWS::Lambda::Function')).toHaveLength(names.length);
    for (const name of names) {
      const [, fn] = functionResource(name);
      expect(fn.Properties.Runtime, name).toBe(RUNTIME);
      expect(fn.Properties.Handler, name).toBe(sourceFunctions[name]!.handler);
      expect(fn.Properties.TracingConfig, `${name}: X-Ray would need a Resource '*' grant`).toBeUndefined();
    }
  });

  it('routes every httpApi event of every function through the HTTP API to that function', () => {
    const apis = resourcesOfType('AWS::ApiGatewayV2::Api');
    expect(apis).toHaveLength(1);
    expect(apis[0]![1].Properties.ProtocolType).toBe('HTTP');
    const routes = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const integrations = Object.fromEntries(resourcesOfType('AWS::ApiGatewayV2::Integration'));
    for (const [name, fn] of Object.entries(sourceFunctions)) {
      if ((fn.events ?? []).length > 0 && (fn.events ?? []).every((e) => 'schedule' in e || 'stream' in e)) continue; // a timer, a stream
      const events = (fn.events ?? []).flatMap((e) => (e.httpApi ? [e.httpApi] : []));
      expect(events.length, `${name} has no httpApi event`).toBeGreaterThan(0);
      const [logicalId] = functionResource(name);
      for (const { method, path } of events) {
        const routeKey = `${method.toUpperCase()} ${path}`;
        const route = routes.find((r) => r.RouteKey === routeKey);
        expect(route, routeKey).toBeDefined();
        const integrationId = route!.Target['Fn::Join'][1][1].Ref as string;
        expect(integrations[integrationId]?.Properties.IntegrationUri, routeKey).toEqual({
          'Fn::GetAtt': [logicalId, 'Arn'],
        });
      }
    }
  });

  it('runs the applications scheduler on an enabled timer, with an alarm on notices that failed for good', () => {
    const rules = resourcesOfType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const scheduler = functionResource('applicationsScheduler')[0];
    const rule = rules.find((r) => r.Targets?.some((t: Json) => JSON.stringify(t.Arn).includes(scheduler)));
    expect(rule?.ScheduleExpression).toMatch(/^rate\(\d+ minutes?\)$/);
    expect(rule?.State).toBe('ENABLED');
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([id]) => id);
    expect(alarms).toContain('NoticeFailuresAlarm');
  });

  it('throttles every route of the stage, claims and binding with their own limits, after their routes exist', () => {
    const [[, stage]] = resourcesOfType('AWS::ApiGatewayV2::Stage') as [[string, Json]];
    const { DefaultRouteSettings: defaults, RouteSettings: routeSettings } = stage.Properties;
    expect(defaults.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(defaults.ThrottlingBurstLimit).toBeGreaterThanOrEqual(defaults.ThrottlingRateLimit);
    const routes = Object.fromEntries(resourcesOfType('AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties.RouteKey, id]));
    expect(Object.keys(routeSettings).sort()).toEqual(['POST /api/benefits/{id}/claims', 'POST /api/me/binding']);
    for (const [routeKey, limits] of Object.entries(routeSettings as Record<string, Json>)) {
      expect(routes[routeKey], routeKey).toBeDefined();
      expect(stage.DependsOn, routeKey).toContain(routes[routeKey]);
      expect(limits.ThrottlingBurstLimit, routeKey).toBeGreaterThanOrEqual(limits.ThrottlingRateLimit);
    }
    expect(routeSettings['POST /api/me/binding'].ThrottlingRateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
    expect(routeSettings['POST /api/benefits/{id}/claims'].ThrottlingRateLimit).toBeGreaterThan(defaults.ThrottlingRateLimit);
  });

  it('allows browser origins explicitly, never "*"', () => {
    const [[, api]] = resourcesOfType('AWS::ApiGatewayV2::Api') as [[string, Json]];
    const origins = api.Properties.CorsConfiguration?.AllowOrigins ?? [];
    expect(origins.length).toBeGreaterThan(0);
    for (const origin of origins) expect(origin).toMatch(/^https:\/\/[^*]+$/);
  });

  it('keeps every table on demand, recoverable, encrypted, stage-scoped and retained', () => {
    const tables = resourcesOfType('AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const [id, table] of tables) {
      const p = table.Properties;
      expect(p.BillingMode, id).toBe('PAY_PER_REQUEST');
      expect(p.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.SSESpecification?.SSEEnabled, id).toBe(true);
      expect(p.TableName, id).toMatch(new RegExp(`^${SERVICE}-${STAGE}-[a-z][a-z-]*$`));
      expect(p.DeletionProtectionEnabled, id).toBe(true);
      expect(table.DeletionPolicy, id).toBe('Retain');
      expect(table.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('counts refused bindings from the binding log and raises an alarm at the level the function logs', () => {
    const [[, filter]] = resourcesOfType('AWS::Logs::MetricFilter').filter(([id]) => id === 'BindingRefusalsMetricFilter') as [[string, Json]];
    expect(filter.Properties.LogGroupName).toEqual({ Ref: 'MeBindingLogGroup' });
    expect(filter.Properties.FilterPattern).toContain('"BindingRefused"');
    const [[, alarm]] = resourcesOfType('AWS::CloudWatch::Alarm').filter(([id]) => id === 'BindingRefusalsAlarm') as [[string, Json]];
    expect(alarm.Properties.MetricName).toBe(filter.Properties.MetricTransformations[0].MetricName);
    expect(alarm.Properties.Namespace).toBe(filter.Properties.MetricTransformations[0].MetricNamespace);
    expect(alarm.Properties.Threshold).toBe(BINDING_REFUSALS_ALARM_PER_HOUR);
    expect(alarm.Properties.Period).toBe(3600);
  });

  describe('alarms, every one to the alarmTopicArn topic when it is set', () => {
    const alarms = () => Object.fromEntries(resourcesOfType('AWS::CloudWatch::Alarm')) as Record<string, Json>;
    const metricsOf = (alarm: Json) =>
      (alarm.Properties.Metrics ?? []).flatMap((m: Json) => (m.MetricStat ? [m.MetricStat.Metric as Json] : [])) as Json[];

    it('notify the topic only under the HasAlarmTopic condition', () => {
      expect(template.Conditions.HasAlarmTopic).toBeDefined();
      expect(Object.keys(alarms()).length).toBeGreaterThan(0);
      for (const [id, alarm] of Object.entries(alarms())) {
        expect(alarm.Properties.AlarmActions, id).toEqual({ 'Fn::If': ['HasAlarmTopic', [''], { Ref: 'AWS::NoValue' }] });
      }
    });

    it('watch the share of 5xx answers of the HTTP API', () => {
      const alarm = alarms().HttpApi5xxRateAlarm!;
      expect(alarm).toBeDefined();
      const names = metricsOf(alarm).map((m) => `${m.Namespace} ${m.MetricName}`);
      expect(names.sort()).toEqual(['AWS/ApiGateway 5xx', 'AWS/ApiGateway Count']);
      for (const m of metricsOf(alarm)) expect(m.Dimensions).toContainEqual({ Name: 'ApiId', Value: { Ref: 'HttpApi' } });
      expect(template.Resources.HttpApiStage.Properties.StageName).toBe('$default');
      expect(alarm.Properties.Metrics.find((m: Json) => m.ReturnData).Expression).toMatch(/100 \* errors \/ requests/);
    });

    it.each(['Errors', 'Throttles'])('watch Lambda %s of every function', (metric) => {
      const watched = Object.values(alarms())
        .filter((a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === metric)
        .map((a) => a.Properties.Dimensions[0].Value.Ref as string);
      const functionIds = Object.keys(sourceFunctions).map((name) => functionResource(name)[0]);
      expect(watched.sort()).toEqual(functionIds.sort());
    });

    it('watch the throttled reads and writes of every table', () => {
      const tableIds = resourcesOfType('AWS::DynamoDB::Table').map(([id]) => id);
      const watched = new Map<string, string[]>();
      for (const alarm of Object.values(alarms())) {
        for (const m of metricsOf(alarm).filter((x) => x.Namespace === 'AWS/DynamoDB')) {
          const table = m.Dimensions.find((d: Json) => d.Name === 'TableName').Value.Ref as string;
          watched.set(table, [...(watched.get(table) ?? []), m.MetricName as string]);
        }
      }
      expect([...watched.keys()].sort()).toEqual(tableIds.sort());
      for (const [table, names] of watched) expect(names.sort(), table).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    });

    it('watch the age of the oldest undelivered outbox notice, from the line the sender writes, and its absence', () => {
      const [[, filter]] = resourcesOfType('AWS::Logs::MetricFilter').filter(([id]) => id === 'OutboxOldestAgeMetricFilter') as [[string, Json]];
      expect(filter.Properties.LogGroupName).toEqual({ Ref: functionResource('applicationsScheduler')[0].replace(/LambdaFunction$/, 'LogGroup') });
      expect(filter.Properties.FilterPattern).toContain('"OutboxOldestAge"');
      expect(filter.Properties.MetricTransformations[0].MetricValue).toBe('$.ageSeconds');
      const alarm = alarms().OutboxOldestAgeAlarm!;
      expect(alarm.Properties.MetricName).toBe(filter.Properties.MetricTransformations[0].MetricName);
      expect(alarm.Properties.Namespace).toBe(filter.Properties.MetricTransformations[0].MetricNamespace);
      expect(alarm.Properties.Statistic).toBe('Maximum');
      expect(alarm.Properties.TreatMissingData).toBe('breaching');
    });
  });

  describe('IAM: one role per function, granting exactly what that function may do', () => {
    /**
     * What each function may do, written down here a second time on purpose (serverless.yml ›
     * custom.access is the first): a function added with a copied or widened entry fails here until
     * this list says the same. `read`/`write`: tables by name, `table/index` (queries); `secrets`:
     * this stage's SSM path; `objects-read`/`objects-write`: S3 `Bucket/prefix/`.
     */
    const MAY: Record<string, string> = {
      authLogin: 'secrets; read accounts orgs merchants; write accounts',
      meGet: 'secrets; read accounts members orgs merchants; write members guards',
      meBinding: 'secrets; read accounts members orgs merchants guards; write accounts members guards',
      meCard: 'secrets; read accounts members orgs; write members guards',
      cardsVerify: 'secrets; read accounts guards members orgs merchants; write card-checks',
      cardsJwks: 'secrets',
      benefitsList: 'secrets; read accounts members orgs merchants benefits/byStatus benefitcounters',
      benefitsGet: 'secrets; read accounts members orgs merchants benefits benefitcounters',
      benefitsClaim: 'secrets; read accounts members orgs merchants benefits benefitcounters coupons; write benefitcounters coupons',
      couponsList: 'secrets; read accounts members orgs merchants coupons/byMember',
      couponsQr: 'secrets; read accounts members orgs coupons',
      redemptionsCreate: 'secrets; read accounts members merchants coupons redemptions; write coupons redemptions benefitcounters',
      adminBenefitsList: 'secrets; read accounts orgs merchants benefits/byStatus benefitcounters',
      adminBenefitsCreate: 'secrets; read accounts orgs merchants; write benefits; append audit',
      adminBenefitsGet: 'secrets; read accounts orgs merchants benefits benefitcounters',
      adminBenefitsUpdate: 'secrets; read accounts orgs merchants benefits; write benefits; append audit',
      adminBenefitsStatus: 'secrets; read accounts orgs merchants benefits benefitcounters; write benefits benefitcounters; append audit',
      adminBenefitsStock: 'secrets; read accounts orgs merchants benefits benefitcounters; write benefits benefitcounters; append audit',
      applicationsCreate:
        'secrets; read accounts members orgs calendar applications applications/byApplicant guards campaigns payouts; write applications outbox guards; objects-read ProofsBucket/proofs/',
      applicationsGet: 'secrets; read accounts applications; objects-read ProofsBucket/proofs/',
      applicationsCancel: 'secrets; read accounts calendar applications; write applications outbox guards; objects-read ProofsBucket/proofs/',
      applicationsDecide:
        'secrets; read accounts members members/byIdHash orgs calendar applications campaigns payouts; write applications outbox guards members campaigns payouts; append audit; objects-read ProofsBucket/proofs/',
      meApplications: 'secrets; read accounts applications/byApplicant',
      adminApplications:
        'secrets; read accounts orgs orgs/byKind applications applications/byOrgL0 applications/byOrgL1 applications/byOrgL2 applications/byOrgL3 satisfaction',
      orgsSearch: 'secrets; read accounts orgs orgs/byKind',
      applicationsRate: 'secrets; read accounts calendar applications; write applications outbox satisfaction; objects-read ProofsBucket/proofs/',
      applicationsFollowUp:
        'secrets; read accounts orgs calendar applications; write applications outbox satisfaction; append audit; objects-read ProofsBucket/proofs/',
      adminSatisfaction: 'secrets; read accounts orgs orgs/byKind satisfaction',
      subsidyCampaignsList: 'secrets; read accounts members orgs guards campaigns campaigns/byCreated payouts',
      subsidyCampaignsGet: 'secrets; read accounts members orgs guards campaigns payouts',
      adminSubsidyCampaignsCreate: 'secrets; read accounts orgs campaigns; write campaigns; append audit',
      adminSubsidyCampaignsList: 'secrets; read accounts orgs campaigns campaigns/byCreated',
      adminSubsidyCampaignsExtend: 'secrets; read accounts orgs campaigns; write campaigns; append audit',
      uploadsCreate: 'secrets; write guards; objects-write ProofsBucket/proofs/',
      privacyGet: '',
      rosterImportsTemplate: 'secrets; read accounts; objects-read ProofsBucket/imports/; objects-write ProofsBucket/imports/',
      rosterImportsCreate: 'secrets; read accounts; write rosterimports; objects-write ProofsBucket/imports/',
      rosterImportsStart: 'secrets; read accounts orgs rosterimports; write rosterimports; append audit; objects-read ProofsBucket/imports/',
      rosterImportsGet: 'secrets; read accounts rosterimports',
      rosterImportsReport: 'secrets; read accounts rosterimports; objects-read ProofsBucket/imports/; objects-write ProofsBucket/imports/',
      rosterImportsConfirm: 'secrets; read accounts orgs rosterimports; write rosterimports members guards; append audit',
      rosterImportsWorker:
        'secrets; read orgs/byKind rosterimports rosterimports/byActive guards members members/byIdHash; write rosterimports members guards; objects-read ProofsBucket/imports/',
      adminAudit: 'secrets; read accounts orgs audit/byAll audit/byOrgL0 audit/byOrgL1 audit/byOrgL2 audit/byOrgL3',
      adminStats: 'secrets; read accounts orgs orgs/byKind stats benefits/byStatus benefitcounters satisfaction',
      statsStream: 'read orgs stats; write stats; streams members applications',
      meData: 'secrets; read accounts members orgs merchants card-checks coupons/byMember redemptions applications/byApplicant',
      meDeletion:
        'secrets; read accounts calendar coupons/byMember applications applications/byApplicant guards; write accounts members officials coupons applications outbox guards',
      applicationsScheduler:
        'secrets; read applications applications/byDue guards outbox/byPending calendar satisfaction orgs/byKind officials; write guards outbox',
      adminMembersSearch: 'secrets; read accounts orgs orgs/byKind guards members members/byIdHash members/byOrg',
      adminMembersPhoneRelease: 'secrets; read accounts orgs guards members; write members guards; append audit',
      adminMembersUnbind: 'secrets; read accounts orgs members; write members accounts; append audit',
      adminMembersLeave: 'secrets; read accounts orgs members; write members; append audit',
      adminOrgsCreate: 'secrets; read accounts orgs orgs/byKind; write orgs; append audit',
      adminOrgsRename: 'secrets; read accounts orgs orgs/byKind; write orgs; append audit',
      adminRolesGrant: 'secrets; read accounts orgs merchants members; write accounts officials; append audit',
      adminRolesRevoke: 'secrets; read accounts orgs merchants members; write accounts officials; append audit',
      adminMerchantsCreate: 'secrets; read accounts; write merchants; append audit',
      adminMemberProfile: 'secrets; read accounts members orgs merchants card-checks coupons/byMember redemptions applications/byApplicant',
    };
    const TABLE_READ = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
    const TABLE_WRITE = ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
    /** An append-only table (the audit trail): a put of a new item, never an update or a delete. */
    const TABLE_APPEND = ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem'];

    /** `'secrets; read a b; write c'` → sorted grant lines (`read a`, `read b`, `secrets`, `write c`). */
    const expected = (spec: string) =>
      spec
        .split(';')
        .filter((part) => part.trim() !== '')
        .map((part) => part.trim().split(/\s+/))
        .flatMap(([what, ...refs]) => (refs.length === 0 ? [what as string] : refs.map((ref) => `${what} ${ref}`)))
        .sort();

    /** The grant lines a role's policy amounts to; throws on any statement outside the vocabulary. */
    function granted(functionName: string, role: Json): string[] {
      const tableNames = new Map(
        resourcesOfType('AWS::DynamoDB::Table').map(([id, t]) => [id, (t.Properties.TableName as string).slice(`${SERVICE}-${STAGE}-`.length)]),
      );
      const tableRef = (resource: Json) => {
        const getAtt = resource['Fn::GetAtt'];
        if (getAtt) return tableNames.get(getAtt[0]) ?? `?${getAtt[0]}`;
        const [, id, index] = /^\$\{(\w+)\.Arn\}\/index\/(\w+)$/.exec(resource['Fn::Sub'] ?? '') ?? [];
        return id && tableNames.has(id) ? `${tableNames.get(id)}/${index}` : `?${JSON.stringify(resource)}`;
      };
      const lines: string[] = [];
      const [policy] = role.Properties.Policies as Json[];
      expect(role.Properties.Policies).toHaveLength(1);
      expect(role.Properties.ManagedPolicyArns, functionName).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
      ]);
      for (const st of policy!.PolicyDocument.Statement as Statement[]) {
        const actions = asArray(st.Action).sort();
        const resources = asArray(st.Resource) as Json[];
        const where = `${functionName}: ${JSON.stringify(st)}`;
        expect(st.Effect, where).toBe('Allow');
        if (actions.join() === 'logs:CreateLogStream,logs:PutLogEvents') {
          expect(resources, where).toEqual([
            { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${SERVICE}-${STAGE}-${functionName}:*` },
          ]);
        } else if (actions.join() === TABLE_READ.join()) {
          for (const r of resources) expect(r['Fn::GetAtt'], where).toBeDefined();
          lines.push(...resources.map((r) => `read ${tableRef(r)}`));
        } else if (actions.join() === 'dynamodb:Query') {
          lines.push(...resources.map((r) => `read ${tableRef(r)}`).filter((l) => l.includes('/') || expect.fail(where)));
        } else if (actions.join() === TABLE_WRITE.join()) {
          lines.push(...resources.map((r) => `write ${tableRef(r)}`));
        } else if (actions.join() === TABLE_APPEND.join()) {
          lines.push(...resources.map((r) => `append ${tableRef(r)}`));
        } else if (actions.join() === 'dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:ListStreams') {
          for (const r of resources) expect(r['Fn::GetAtt']?.[1], where).toBe('StreamArn');
          lines.push(...resources.map((r) => `streams ${tableNames.get(r['Fn::GetAtt'][0]) ?? `?${r['Fn::GetAtt'][0]}`}`));
        } else if (actions.join() === 'ssm:GetParametersByPath') {
          const path = `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${SERVICE}/${STAGE}`;
          expect(resources, where).toEqual([{ 'Fn::Sub': path }, { 'Fn::Sub': `${path}/*` }]);
          lines.push('secrets');
        } else if (actions.join() === 's3:GetObject' || actions.join() === 's3:PutObject') {
          const kind = actions[0] === 's3:GetObject' ? 'objects-read' : 'objects-write';
          for (const r of resources) {
            const [, bucket, prefix] = /^\$\{(\w+)\.Arn\}\/((?:[\w.-]+\/)+)\*$/.exec(r['Fn::Sub'] ?? '') ?? [];
            expect(bucket, where).toBeDefined();
            lines.push(`${kind} ${bucket}/${prefix}`);
          }
        } else if (actions.join() === 's3:ListBucket') {
          for (const r of resources) expect(r['Fn::GetAtt']?.[1], where).toBe('Arn');
        } else {
          expect.fail(`a statement outside the vocabulary of custom.access: ${where}`);
        }
      }
      return lines.sort();
    }

    it('lists every function of serverless.yml, and only those', () => {
      expect(Object.keys(MAY).sort()).toEqual(Object.keys(sourceFunctions).sort());
    });

    it('leaves no shared role', () => {
      expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
      const roles = Object.keys(sourceFunctions).map((name) => JSON.stringify(functionResource(name)[1].Properties.Role));
      expect(new Set(roles).size).toBe(roles.length);
      expect(resourcesOfType('AWS::IAM::Role')).toHaveLength(roles.length);
    });

    it.each(Object.keys(sourceFunctions))('%s: its own role, with exactly the grants listed for it', (name) => {
      const roleId = functionResource(name)[1].Properties.Role['Fn::GetAtt']?.[0] as string;
      expect(roleId, `${name} runs under a role of this stack`).toBeDefined();
      expect(MAY[name], `${name} is missing from MAY in this test`).toBeDefined();
      expect(granted(name, template.Resources[roleId])).toEqual(expected(MAY[name]!));
    });
  });

  it('keeps logs for 180 days', () => {
    const groups = resourcesOfType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(Object.keys(sourceFunctions).length);
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBe(180);
  });

  it('grants no wildcard action and no Resource "*" to the functions', () => {
    const policies = [
      ...resourcesOfType('AWS::IAM::Role').flatMap(([, r]) => (r.Properties.Policies ?? []) as Json[]),
      ...resourcesOfType('AWS::IAM::Policy').map(([, r]) => r.Properties as Json),
      ...resourcesOfType('AWS::IAM::ManagedPolicy').map(([, r]) => r.Properties as Json),
    ];
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement as Statement[]);
    expect(statements.length).toBeGreaterThan(0);
    const tableIds = resourcesOfType('AWS::DynamoDB::Table').map(([id]) => id);
    let dynamodbStatements = 0;
    for (const s of statements) {
      const actions = asArray(s.Action);
      const where = JSON.stringify(s);
      for (const action of actions) expect(action, where).not.toMatch(/\*/);
      for (const resource of asArray(s.Resource)) expect(resource, where).not.toBe('*');
      if (actions.some((a) => a.startsWith('dynamodb:'))) {
        dynamodbStatements += 1;
        // Only this stack's tables (and their indexes), referenced by logical id.
        for (const resource of asArray(s.Resource) as Json[]) {
          const ref = resource['Fn::GetAtt']?.[0] ?? /^\$\{(\w+)\.Arn\}\/index\/\w+$/.exec(resource['Fn::Sub'] ?? '')?.[1];
          expect(tableIds, where).toContain(ref);
        }
      }
      if (actions.some((a) => a.startsWith('ssm:'))) {
        for (const resource of asArray(s.Resource) as Json[]) {
          expect(resource['Fn::Sub'], where).toMatch(new RegExp(`:parameter/${SERVICE}/${STAGE}(/\\*)?$`));
        }
      }
    }
    expect(dynamodbStatements).toBeGreaterThan(0);
  });

  it('puts no secret into environment variables and no local plumbing into prod', () => {
    const secretName = /SECRET|PASSW|TOKEN|PRIVATE|CREDENTIAL|(^|_)KEY(_|$)/i;
    const reference = /_(PATH|FILE|ARN|NAME)$/; // names a place to read a secret from, not the secret
    for (const name of Object.keys(sourceFunctions)) {
      const vars = functionResource(name)[1].Properties.Environment.Variables as Record<string, unknown>;
      for (const [key, value] of Object.entries(vars)) {
        const where = `${name}: ${key}`;
        if (secretName.test(key) && !reference.test(key)) expect(value, where).toBe('');
        expect(typeof value, where).toBe('string');
        expect(value as string, where).not.toMatch(/PRIVATE KEY|^[A-Za-z0-9+/_-]{40,}={0,2}$/);
      }
      expect(vars.WECHAT_MODE, name).toBe('wechat');
      expect(vars.SECRETS_SSM_PATH, name).toBe(`/${SERVICE}/${STAGE}/`);
      expect(vars.TABLE_PREFIX, name).toBe(`${SERVICE}-${STAGE}-`);
      // Exported in the packaging shell above; must not reach a deployed stage.
      expect(vars.DYNAMODB_ENDPOINT, name).toBe('');
      expect(vars.LOCAL_SECRETS_FILE, name).toBe('');
      expect(vars.WECHAT_API_BASE, name).toBe('https://api.weixin.qq.com');
      // The WeChat app id (public) is taken from the deploying shell.
      expect(vars.WECHAT_APP_ID, name).toBe(LEAKY_ENV.WECHAT_APP_ID);
    }
  });
});

describe('the function packages', () => {
  it.each(Object.keys(sourceFunctions))('%s: one zip within its budget (250 KB; the roster import 1.2 MB) holding its minified bundle, AWS SDK external', async (name) => {
    const zipPath = zipPathOf(name);
    expect(existsSync(zipPath), zipPath).toBe(true);
    const bytes = statSync(zipPath).size;
    console.info(`${name}: ${(bytes / 1024).toFixed(1)} KB zipped`);
    expect(bytes).toBeLessThanOrEqual(maxZipBytes(name));

    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const files = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
    const bundlePath = `${sourceFunctions[name]!.handler.replace(/\.[^.]+$/, '')}.js`;
    expect(files.sort()).toEqual([bundlePath, `${bundlePath}.map`].sort());

    const bundle = await zip.file(bundlePath)!.async('string');
    const lines = bundle.split('\n');
    expect(bundle.length / lines.length, 'average line length of a minified bundle').toBeGreaterThan(1000);

    const map = JSON.parse(await zip.file(`${bundlePath}.map`)!.async('string')) as { sources: string[] };
    const bundledPackages = new Set(
      map.sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []),
    );
    expect([...bundledPackages].filter((p) => p.startsWith('@aws-sdk/') || p === 'aws-sdk')).toEqual([]);
    expect(map.sources.some((s) => s.includes('/api/')), 'the handler itself is in the bundle').toBe(true);
  });
});

describe('the development WeChat adapter', () => {
  it.each(['local', 'test'] as const)('is what the %s stage runs, with its local plumbing', (stage) => {
    const env = printed[stage].provider.environment as Record<string, string>;
    expect(env.WECHAT_MODE).toBe('dev');
    expect(env.STAGE).toBe(stage);
    expect(env.SECRETS_SSM_PATH).toBe('');
    expect(env.DYNAMODB_ENDPOINT).toBe(LEAKY_ENV.DYNAMODB_ENDPOINT);
    expect(env.LOCAL_SECRETS_FILE).toBe(LEAKY_ENV.LOCAL_SECRETS_FILE);
    expect(env.WECHAT_API_BASE).toBe(LEAKY_ENV.WECHAT_API_BASE);
  });

  it.each(['local', 'test'] as const)('lets only the local H5 origin call the %s stage from a browser', (stage) => {
    expect(printed[stage].provider.httpApi.cors.allowedOrigins).toEqual(['http://127.0.0.1:10086']);
  });

  it('cannot be deployed by accident: every command must name its stage', async () => {
    const outcome = await serverless(['print', '--format', 'json']).then(
      () => 'resolved without a stage',
      (err: { stderr?: string; stdout?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
    expect(outcome).toContain('provider.stage');
  });

  it('keeps serverless-offline on loopback, in process', () => {
    const offline = printed.local.custom['serverless-offline'] as Json;
    expect(offline.host).toBe('127.0.0.1');
    expect(offline.useInProcess).toBe(true);
  });
});
