import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BINDING_REFUSALS_ALARM_PER_HOUR, BINDING_REFUSALS_PER_ADDRESS_ALARM_PER_HOUR } from '../../functions/membership/services/binding';
import { listFunctions, type FunctionEntry } from '../../scripts/lib/functions-list';
import { asArray, composeFile, packageStacks, resourcesOf, resourcesOfType, root, type Json, type Packaged, type Stack } from './stacks';

/**
 * What `npm run package` would deploy for prod — the platform stack, one stack per capability and
 * the API's stage — checked without AWS credentials (tests/infra/stacks.ts packages a copy).
 */

const APP = 'hainan-union';
const STAGE = 'prod';
/** CloudFormation refuses a stack of more than 500 resources; each of ours keeps 100 free. */
const MAX_RESOURCES = 400;
const MAX_ZIP_BYTES = 250 * 1024;
/** Every function's Lambda runtime, and the syntax level its bundle is built for. */
const RUNTIME = 'nodejs22.x';
const ESBUILD_TARGET = 'node22';
const CAPABILITY_STACKS = ['membership', 'benefits', 'applications', 'privacy', 'audit', 'stats', 'workbench', 'draws', 'stations', 'payments', 'hardship'];

/** Values that a careless deploy shell could leak into the functions (the tests export such things). */
const LEAKY_ENV = {
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  LOCAL_SECRETS_FILE: '/tmp/hainan-union-secrets.json',
  WECHAT_API_BASE: 'http://127.0.0.1:9999',
  WECHAT_APP_ID: 'wx0123456789abcdef',
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

let packaged: Packaged;
let printed: Record<'local' | 'test', Json>;
const functions: FunctionEntry[] = listFunctions();
const shared = parse(readFileSync(join(root, 'infra', 'shared.yml'), 'utf8'), { merge: true, logLevel: 'error' }) as Json;

const stack = (name: string): Stack => {
  const found = packaged.stacks.find((s) => s.name === name);
  if (!found) throw new Error(`no stack ${name}`);
  return found;
};
const allResources = () => packaged.stacks.flatMap((s) => resourcesOf(s.template).map(([id, r]) => ({ stack: s, id, r })));
const functionResource = (fn: FunctionEntry): [string, Json, Stack] => {
  const s = stack(fn.capability);
  const found = resourcesOfType(s.template, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties.FunctionName === `${APP}-${fn.capability}-${STAGE}-${fn.name}`,
  );
  if (!found) throw new Error(`no AWS::Lambda::Function for ${fn.name} in the ${fn.capability} stack`);
  return [found[0], found[1], s];
};
const byName = (name: string) => functions.find((f) => f.name === name)!;
/** The handler as the capability's own serverless.yml writes it (relative to its folder). */
const capabilityHandler = (fn: FunctionEntry) => fn.handler.slice(`functions/${fn.capability}/`.length);
const importOf = (exportName: string) => ({ 'Fn::ImportValue': `${APP}-${STAGE}-${exportName}` });

beforeAll(async () => {
  packaged = await packageStacks(STAGE, LEAKY_ENV);
  const [local, test] = await Promise.all([
    packaged.serverless(['print', '--stage', 'local', '--format', 'json'], LEAKY_ENV),
    packaged.serverless(['print', '--stage', 'test', '--format', 'json'], LEAKY_ENV),
  ]);
  printed = { local: JSON.parse(local.stdout), test: JSON.parse(test.stdout) };
  console.info(`npm run package (--stage ${STAGE}, ${packaged.stacks.length} stacks): ${packaged.seconds.toFixed(1)} s`);
}, 300_000);

afterAll(() => packaged?.remove());

describe('the stacks', () => {
  it('are the platform, one per capability and the api, deployed in that order', () => {
    const { services } = composeFile();
    expect(Object.keys(services).sort()).toEqual(['api', 'platform', ...CAPABILITY_STACKS].sort());
    for (const capability of CAPABILITY_STACKS) {
      expect(services[capability]!.path).toBe(`../functions/${capability}`);
      expect(asArray(services[capability]!.dependsOn ?? [])).toEqual(['platform']);
    }
    // The stage names routes in its throttles: they must exist first.
    expect(asArray(services.api!.dependsOn ?? []).sort()).toEqual([...CAPABILITY_STACKS].sort());
    expect(new Set(functions.map((f) => f.capability))).toEqual(new Set(CAPABILITY_STACKS));
  });

  it(`each hold at most ${MAX_RESOURCES} resources (CloudFormation's limit is 500)`, () => {
    const counts = Object.fromEntries(packaged.stacks.map((s) => [s.name, Object.keys(s.template.Resources).length]));
    console.info(`resources per stack: ${JSON.stringify(counts)} (total ${Object.values(counts).reduce((a, b) => a + b, 0)})`);
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThanOrEqual(MAX_RESOURCES);
    for (const s of packaged.stacks) {
      expect(Object.keys(s.template.Outputs ?? {}).length, s.name).toBeLessThanOrEqual(200);
      expect(Buffer.byteLength(JSON.stringify(s.template)), `${s.name}: a template sent through S3 is at most 1 MB`).toBeLessThan(1024 * 1024);
    }
  });

  it('attach every capability to the platform through exports the platform declares', () => {
    const exports = Object.values(stack('platform').template.Outputs as Record<string, Json>)
      .flatMap((o) => (o.Export ? [o.Export.Name as string] : []))
      .filter((name) => !name.startsWith('sls-')); // osls's own: the deployment bucket's name
    expect(exports.sort()).toEqual([`${APP}-${STAGE}-applications-stream-arn`, `${APP}-${STAGE}-http-api-id`, `${APP}-${STAGE}-members-stream-arn`]);
    const imported = new Set(JSON.stringify(packaged.stacks.map((s) => s.template)).match(/"Fn::ImportValue":"[^"]+"/g)?.map((m) => m.split(':"')[1]!.slice(0, -1)));
    for (const name of imported) expect(exports, name).toContain(name);
  });
});

describe(`the ${STAGE} functions`, () => {
  it(`are those of the capabilities' serverless.yml, on ${RUNTIME} (bundled for ${ESBUILD_TARGET}), with their handlers`, () => {
    expect(shared.esbuild.target).toBe(ESBUILD_TARGET);
    expect(functions.length).toBeGreaterThan(50);
    const deployed = allResources().filter(({ r }) => r.Type === 'AWS::Lambda::Function');
    expect(deployed).toHaveLength(functions.length);
    for (const fn of functions) {
      const [, resource] = functionResource(fn);
      expect(resource.Properties.Runtime, fn.name).toBe(RUNTIME);
      expect(resource.Properties.Architectures, fn.name).toEqual(['arm64']);
      expect(resource.Properties.Handler, fn.name).toBe(capabilityHandler(fn));
      expect(resource.Properties.TracingConfig, `${fn.name}: X-Ray would need a Resource '*' grant`).toBeUndefined();
    }
  });

  it("routes every httpApi event through the platform's HTTP API to its function", () => {
    expect(allResources().filter(({ r }) => r.Type === 'AWS::ApiGatewayV2::Api').map(({ stack: s }) => s.name)).toEqual(['platform']);
    expect(resourcesOfType(stack('platform').template, 'AWS::ApiGatewayV2::Api')[0]![1].Properties.ProtocolType).toBe('HTTP');
    let routed = 0;
    for (const fn of functions) {
      const events = (fn.events ?? []).flatMap((e) => (e.httpApi ? [e.httpApi] : []));
      if (events.length === 0) continue;
      const [logicalId, , s] = functionResource(fn);
      const routes = resourcesOfType(s.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
      const integrations = Object.fromEntries(resourcesOfType(s.template, 'AWS::ApiGatewayV2::Integration'));
      for (const { method, path } of events) {
        const routeKey = `${method.toUpperCase()} ${path}`;
        const route = routes.find((r) => r.RouteKey === routeKey);
        expect(route, routeKey).toBeDefined();
        expect(route!.ApiId, routeKey).toEqual(importOf('http-api-id'));
        const integrationId = route!.Target['Fn::Join'][1][1].Ref as string;
        expect(integrations[integrationId]?.Properties.ApiId, routeKey).toEqual(importOf('http-api-id'));
        expect(integrations[integrationId]?.Properties.IntegrationUri, routeKey).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
        routed += 1;
      }
    }
    const allRoutes = allResources().filter(({ r }) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(allRoutes).toHaveLength(routed);
  });

  it('runs the applications scheduler on an enabled timer, with an alarm on notices that failed for good', () => {
    const [schedulerId, , s] = functionResource(byName('applicationsScheduler'));
    const rules = resourcesOfType(s.template, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    const rule = rules.find((r) => r.Targets?.some((t: Json) => JSON.stringify(t.Arn).includes(schedulerId)));
    expect(rule?.ScheduleExpression).toMatch(/^rate\(\d+ minutes?\)$/);
    expect(rule?.State).toBe('ENABLED');
    expect(resourcesOfType(s.template, 'AWS::CloudWatch::Alarm').map(([id]) => id)).toContain('NoticeFailuresAlarm');
  });

  it("keeps the statistics from the platform's table streams", () => {
    const [streamFnId, , s] = functionResource(byName('statsStream'));
    const mappings = resourcesOfType(s.template, 'AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    expect(mappings.map((m) => m.EventSourceArn)).toEqual([importOf('members-stream-arn'), importOf('applications-stream-arn')]);
    for (const m of mappings) expect(m.FunctionName).toEqual({ 'Fn::GetAtt': [streamFnId, 'Arn'] });
  });
});

describe('the API stage (api stack)', () => {
  it('throttles every route, claims and binding with their own limits, on routes the capabilities create', () => {
    const [[, stage]] = resourcesOfType(stack('api').template, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    expect(stage.Properties.ApiId).toEqual(importOf('http-api-id'));
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.AutoDeploy).toBe(true);
    const { DefaultRouteSettings: defaults, RouteSettings: routeSettings } = stage.Properties;
    expect(defaults.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(defaults.ThrottlingBurstLimit).toBeGreaterThanOrEqual(defaults.ThrottlingRateLimit);
    const routeKeys = allResources().filter(({ r }) => r.Type === 'AWS::ApiGatewayV2::Route').map(({ r }) => r.Properties.RouteKey as string);
    expect(Object.keys(routeSettings).sort()).toEqual(['POST /api/benefits/{id}/claims', 'POST /api/me/binding']);
    for (const [routeKey, limits] of Object.entries(routeSettings as Record<string, Json>)) {
      expect(routeKeys, routeKey).toContain(routeKey);
      expect(limits.ThrottlingBurstLimit, routeKey).toBeGreaterThanOrEqual(limits.ThrottlingRateLimit);
    }
    expect(routeSettings['POST /api/me/binding'].ThrottlingRateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
    expect(routeSettings['POST /api/benefits/{id}/claims'].ThrottlingRateLimit).toBeGreaterThan(defaults.ThrottlingRateLimit);
  });

  it('writes an access log kept 180 days', () => {
    const t = stack('api').template;
    expect(t.Resources.HttpApiStage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] });
    expect(t.Resources.HttpApiLogGroup.Properties.RetentionInDays).toBe(180);
  });

  it('allows browser origins explicitly, never "*"', () => {
    const [[, api]] = resourcesOfType(stack('platform').template, 'AWS::ApiGatewayV2::Api') as [[string, Json]];
    const origins = api.Properties.CorsConfiguration?.AllowOrigins ?? [];
    expect(origins.length).toBeGreaterThan(0);
    for (const origin of origins) expect(origin).toMatch(/^https:\/\/[^*]+$/);
  });
});

describe('the platform', () => {
  it('keeps every table on demand, recoverable, encrypted, stage-scoped and retained', () => {
    const tables = resourcesOfType(stack('platform').template, 'AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThanOrEqual(20);
    expect(allResources().filter(({ r }) => r.Type === 'AWS::DynamoDB::Table')).toHaveLength(tables.length);
    for (const [id, table] of tables) {
      const p = table.Properties;
      expect(p.BillingMode, id).toBe('PAY_PER_REQUEST');
      expect(p.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.SSESpecification?.SSEEnabled, id).toBe(true);
      expect(p.TableName, id).toMatch(new RegExp(`^${APP}-${STAGE}-[a-z][a-z-]*$`));
      expect(p.DeletionProtectionEnabled, id).toBe(true);
      expect(table.DeletionPolicy, id).toBe('Retain');
      expect(table.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('keeps the proof images private, encrypted, TLS-only and retained', () => {
    const t = stack('platform').template;
    const bucket = t.Resources.ProofsBucket;
    expect(bucket.Properties.BucketName).toBe(`${APP}-${STAGE}-proofs`);
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(t.Resources.ProofsBucketPolicy.Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });
});

describe('alarms, every one to the alarmTopicArn topic when it is set', () => {
  const alarmsOf = (s: Stack) => Object.fromEntries(resourcesOfType(s.template, 'AWS::CloudWatch::Alarm')) as Record<string, Json>;
  const metricsOf = (alarm: Json) =>
    (alarm.Properties.Metrics ?? []).flatMap((m: Json) => (m.MetricStat ? [m.MetricStat.Metric as Json] : [])) as Json[];

  it('notify the topic only under each stack\'s HasAlarmTopic condition', () => {
    let count = 0;
    for (const s of packaged.stacks) {
      const alarms = alarmsOf(s);
      if (Object.keys(alarms).length === 0) continue;
      expect(s.template.Conditions?.HasAlarmTopic, s.name).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
      for (const [id, alarm] of Object.entries(alarms)) {
        expect(alarm.Properties.AlarmActions, `${s.name} ${id}`).toEqual({ 'Fn::If': ['HasAlarmTopic', [''], { Ref: 'AWS::NoValue' }] });
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(functions.length * 2);
  });

  it('watch the share of 5xx answers of the API', () => {
    const alarm = alarmsOf(stack('api')).HttpApi5xxRateAlarm!;
    expect(alarm).toBeDefined();
    const names = metricsOf(alarm).map((m) => `${m.Namespace} ${m.MetricName}`);
    expect(names.sort()).toEqual(['AWS/ApiGateway 5xx', 'AWS/ApiGateway Count']);
    for (const m of metricsOf(alarm)) {
      expect(m.Dimensions).toContainEqual({ Name: 'ApiId', Value: importOf('http-api-id') });
      expect(m.Dimensions).toContainEqual({ Name: 'Stage', Value: '$default' });
    }
    expect(alarm.Properties.Metrics.find((m: Json) => m.ReturnData).Expression).toMatch(/100 \* errors \/ requests/);
  });

  it.each(['Errors', 'Throttles'])('watch Lambda %s of every function, in its own stack', (metric) => {
    for (const capability of CAPABILITY_STACKS) {
      const s = stack(capability);
      const watched = Object.values(alarmsOf(s))
        .filter((a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === metric)
        .map((a) => a.Properties.Dimensions[0].Value.Ref as string);
      const ids = functions.filter((f) => f.capability === capability).map((f) => functionResource(f)[0]);
      expect(watched.sort(), capability).toEqual(ids.sort());
    }
  });

  it('watch the throttled reads and writes of every table', () => {
    const platform = stack('platform');
    const tableIds = resourcesOfType(platform.template, 'AWS::DynamoDB::Table').map(([id]) => id);
    const watched = new Map<string, string[]>();
    for (const alarm of Object.values(alarmsOf(platform))) {
      for (const m of metricsOf(alarm).filter((x) => x.Namespace === 'AWS/DynamoDB')) {
        const table = m.Dimensions.find((d: Json) => d.Name === 'TableName').Value.Ref as string;
        watched.set(table, [...(watched.get(table) ?? []), m.MetricName as string]);
      }
    }
    expect([...watched.keys()].sort()).toEqual(tableIds.sort());
    for (const [table, names] of watched) expect(names.sort(), table).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
  });

  it('count refused bindings from the binding log and alarm at the level the function logs', () => {
    const t = stack('membership').template;
    const filter = t.Resources.BindingRefusalsMetricFilter;
    expect(filter.Properties.LogGroupName).toEqual({ Ref: 'MeBindingLogGroup' });
    expect(t.Resources.MeBindingLogGroup).toBeDefined();
    expect(filter.Properties.FilterPattern).toContain('"BindingRefused"');
    const alarm = t.Resources.BindingRefusalsAlarm;
    expect(alarm.Properties.MetricName).toBe(filter.Properties.MetricTransformations[0].MetricName);
    expect(alarm.Properties.Namespace).toBe(filter.Properties.MetricTransformations[0].MetricNamespace);
    expect(alarm.Properties.Threshold).toBe(BINDING_REFUSALS_ALARM_PER_HOUR);
    expect(alarm.Properties.Period).toBe(3600);
  });

  it('watch refused bindings per address with a Contributor Insights rule and an alarm, never a lock', () => {
    const t = stack('membership').template;
    const rule = t.Resources.BindingRefusalsPerAddressRule;
    expect(rule.Type).toBe('AWS::CloudWatch::InsightRule');
    expect(rule.Properties.RuleState).toBe('ENABLED');
    const [body, vars] = rule.Properties.RuleBody['Fn::Sub'] as [string, Json];
    expect(vars).toEqual({ LogGroup: { Ref: 'MeBindingLogGroup' } });
    const parsed = JSON.parse(body.replace('${LogGroup}', 'log-group'));
    expect(parsed).toMatchObject({
      LogGroupNames: ['log-group'],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.source'], Filters: [{ Match: '$.metric', In: ['BindingRefused'] }] },
      AggregateOn: 'Count',
    });
    const alarm = t.Resources.BindingRefusalsPerAddressAlarm;
    const query = (alarm.Properties.Metrics as Json[])[0] as Json;
    expect(query.Expression).toEqual({ 'Fn::Sub': "INSIGHT_RULE_METRIC('${BindingRefusalsPerAddressRule.RuleName}', 'MaxContributorValue')" });
    expect(query.Period).toBe(3600);
    expect(alarm.Properties.Threshold).toBe(BINDING_REFUSALS_PER_ADDRESS_ALARM_PER_HOUR);
    // The address is API Gateway's sourceIp unless the deploy says CloudFront is in front.
    const [, binding] = functionResource(byName('meBinding'));
    expect(binding.Properties.Environment.Variables.VIEWER_ADDRESS_HEADER).toBe('');
  });

  it('watch the age of the oldest undelivered outbox notice, from the line the sender writes, and its absence', () => {
    const s = stack('applications');
    const filter = s.template.Resources.OutboxOldestAgeMetricFilter;
    expect(filter.Properties.LogGroupName).toEqual({ Ref: functionResource(byName('applicationsScheduler'))[0].replace(/LambdaFunction$/, 'LogGroup') });
    expect(filter.Properties.FilterPattern).toContain('"OutboxOldestAge"');
    expect(filter.Properties.MetricTransformations[0].MetricValue).toBe('$.ageSeconds');
    const alarm = alarmsOf(s).OutboxOldestAgeAlarm!;
    expect(alarm.Properties.MetricName).toBe(filter.Properties.MetricTransformations[0].MetricName);
    expect(alarm.Properties.Statistic).toBe('Maximum');
    expect(alarm.Properties.TreatMissingData).toBe('breaching');
  });

  it("count the roster import's alerts (refusals that depend on other unions past the day's threshold) from the worker's log line", () => {
    const s = stack('workbench');
    const filter = s.template.Resources.RosterImportWithheldAlertMetricFilter;
    expect(filter.Properties.LogGroupName).toEqual({ Ref: functionResource(byName('rosterImportsWorker'))[0].replace(/LambdaFunction$/, 'LogGroup') });
    expect(filter.Properties.FilterPattern).toContain('"RosterImportWithheldAlert"');
    const alarm = alarmsOf(s).RosterImportWithheldAlarm!;
    expect(alarm.Properties.MetricName).toBe(filter.Properties.MetricTransformations[0].MetricName);
    expect(alarm.Properties.Threshold).toBe(1);
    const [, worker] = functionResource(byName('rosterImportsWorker'));
    expect(worker.Properties.Environment.Variables.ROSTER_IMPORT_ALERT_THRESHOLD).toBe('20');
  });
});

describe('IAM: one role per function, granting exactly what that function may do', () => {
  /**
   * What each function may do, written down here a second time on purpose (each capability's
   * serverless.yml › custom.access is the first): a function added with a copied or widened entry
   * fails here until this list says the same. `read`/`write`/`delete`/`append`: tables by name,
   * `table/index` (queries); `secrets`: parameter names under the stage's path; `streams`: tables;
   * `objects-read`/`objects-write`: S3 `Bucket/prefix/`.
   */
  const MAY: Record<string, string> = {
    // membership
    authLogin: 'secrets session-secret wechat-app-secret; read accounts orgs merchants; write accounts',
    meGet: 'secrets session-secret; read accounts members orgs merchants; write members guards',
    meBinding: 'secrets session-secret wechat-app-secret id-hash-key; read accounts members orgs merchants guards; write accounts members guards',
    meCard: 'secrets session-secret card-signing-key; read accounts members orgs; write members guards',
    cardsVerify: 'secrets session-secret card-signing-key; read accounts guards members orgs merchants; write card-checks guards',
    cardsJwks: 'secrets card-public-jwks',
    adminMembersSearch: 'secrets session-secret id-hash-key; read accounts orgs orgs/byKind guards members members/byIdHash members/byOrg',
    adminMembersPhoneRelease: 'secrets session-secret; read accounts orgs guards members; write members guards; delete guards; append audit',
    adminMembersUnbind: 'secrets session-secret; read accounts orgs members; write members accounts; append audit',
    adminMembersLeave: 'secrets session-secret; read accounts orgs members; write members; append audit',
    adminOrgsCreate: 'secrets session-secret; read accounts orgs orgs/byKind; write orgs; append audit',
    adminOrgsRename: 'secrets session-secret; read accounts orgs orgs/byKind; write orgs; append audit',
    adminRolesGrant: 'secrets session-secret; read accounts orgs merchants members; write accounts officials; append audit',
    adminRolesRevoke: 'secrets session-secret; read accounts orgs merchants members; write accounts officials; delete officials; append audit',
    adminMerchantsCreate: 'secrets session-secret; read accounts orgs; write merchants; append audit',
    adminMerchantsAgreementsAdd: 'secrets session-secret; read accounts orgs merchants; write merchants; append audit',
    adminMerchantsList: 'secrets session-secret; read accounts orgs; scan merchants',
    // benefits
    benefitsList: 'secrets session-secret; read accounts members orgs merchants benefits/byStatus benefitcounters',
    benefitsGet: 'secrets session-secret; read accounts members orgs merchants benefits benefitcounters',
    benefitsClaim: 'secrets session-secret; read accounts members orgs merchants benefits benefitcounters coupons; write benefitcounters coupons',
    couponsList: 'secrets session-secret; read accounts members orgs merchants coupons/byMember',
    couponsQr: 'secrets session-secret coupon-signing-key; read accounts members orgs coupons; write guards',
    redemptionsCreate: 'secrets session-secret coupon-signing-key; read accounts members merchants coupons redemptions guards; write coupons redemptions benefitcounters guards',
    redemptionsList: 'secrets session-secret; read accounts members merchants coupons redemptions/byMerchant',
    adminBenefitsList: 'secrets session-secret; read accounts orgs merchants benefits/byStatus benefitcounters',
    adminBenefitsCreate: 'secrets session-secret; read accounts orgs merchants benefitcounters; write benefits; append audit',
    adminBenefitsGet: 'secrets session-secret; read accounts orgs merchants benefits benefitcounters',
    adminBenefitsUpdate: 'secrets session-secret; read accounts orgs merchants benefits benefitcounters; write benefits; append audit',
    adminBenefitsStatus: 'secrets session-secret; read accounts orgs merchants benefits benefitcounters; write benefits benefitcounters; append audit',
    adminBenefitsStock: 'secrets session-secret; read accounts orgs merchants benefits benefitcounters; write benefits benefitcounters; append audit',
    adminBenefitsApprove: 'secrets session-secret; read accounts orgs merchants benefits benefitcounters; write benefits; append audit',
    adminBenefitLimitsGet: 'secrets session-secret; read accounts orgs benefitcounters',
    adminBenefitLimitsSet: 'secrets session-secret; read accounts orgs benefitcounters; write benefitcounters; append audit',
    // applications
    applicationsCreate:
      'secrets session-secret id-encryption-key id-encryption-previous-keys id-hash-key wechat-app-secret; read accounts members orgs calendar applications applications/byApplicant guards campaigns payouts; write applications outbox guards; delete guards; objects-read ProofsBucket/proofs/',
    applicationsGet: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts applications officials payouts; objects-read ProofsBucket/proofs/',
    applicationsCancel: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts calendar applications; write applications outbox guards; delete guards; objects-read ProofsBucket/proofs/',
    applicationsDecide:
      'secrets session-secret id-encryption-key id-encryption-previous-keys id-hash-key; read accounts members members/byIdHash orgs calendar applications campaigns payouts officials; write applications outbox guards members campaigns payouts; delete guards; append audit; objects-read ProofsBucket/proofs/',
    meApplications: 'secrets session-secret; read accounts applications/byApplicant',
    meMessages: 'secrets session-secret; read accounts applications outbox/byApplicant',
    meMessagesRead: 'secrets session-secret; read accounts applications outbox; write outbox',
    adminApplications:
      'secrets session-secret; read accounts orgs orgs/byKind applications applications/byOrgL0 applications/byOrgL1 applications/byOrgL2 applications/byOrgL3 satisfaction',
    orgsSearch: 'secrets session-secret; read accounts orgs orgs/byKind',
    applicationsRate: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts calendar applications payouts; write applications outbox satisfaction; objects-read ProofsBucket/proofs/',
    applicationsFollowUp:
      'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts orgs calendar applications payouts; write applications outbox satisfaction; delete satisfaction; append audit; objects-read ProofsBucket/proofs/',
    adminSatisfaction: 'secrets session-secret; read accounts orgs orgs/byKind satisfaction',
    subsidyCampaignsList: 'secrets session-secret; read accounts members orgs guards campaigns campaigns/byCreated payouts',
    subsidyCampaignsGet: 'secrets session-secret; read accounts members orgs guards campaigns payouts',
    adminSubsidyCampaignsCreate: 'secrets session-secret; read accounts orgs campaigns; write campaigns; append audit',
    adminSubsidyCampaignsList: 'secrets session-secret; read accounts orgs campaigns campaigns/byCreated',
    adminSubsidyCampaignsExtend: 'secrets session-secret; read accounts orgs campaigns; write campaigns; append audit',
    adminSubsidyCampaignsApprove: 'secrets session-secret; read accounts orgs campaigns; write campaigns; append audit',
    adminSubsidyRulesGet: 'secrets session-secret; read accounts orgs campaigns',
    adminSubsidyRulesUpdate: 'secrets session-secret; read accounts orgs campaigns; write campaigns; append audit',
    applicationsPayee: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts applications payouts; write payouts; objects-read ProofsBucket/proofs/',
    adminCampaignPayouts: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts campaigns payouts payoutbatches payoutbatches/byCampaign; write payoutbatches',
    adminPayoutBatchesCreate: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts campaigns payouts payoutbatches; write payouts payoutbatches; append audit',
    adminPayoutBatchesGet: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts payouts payoutbatches; write payoutbatches',
    adminPayoutBatchesFile: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts payouts payoutbatches; write payoutbatches; append audit',
    adminPayoutBatchesResults: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts payouts payoutbatches; write payoutbatches; append audit',
    adminPayoutBatchesConfirm: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts payouts payoutbatches; write payouts payoutbatches; append audit',
    uploadsCreate: 'secrets session-secret; write guards; objects-write ProofsBucket/proofs/',
    applicationsScheduler:
      'secrets wechat-app-secret; read applications applications/byDue guards outbox/byPending calendar satisfaction orgs/byKind officials; write guards outbox',
    // privacy
    privacyGet: '',
    meData:
      'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts members orgs merchants card-checks coupons/byMember redemptions applications/byApplicant orders/byMember benefitcounters',
    meDeletion:
      'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts calendar coupons/byMember applications applications/byApplicant guards; write accounts members officials coupons applications outbox guards; delete accounts officials guards',
    // audit, stats
    adminAudit: 'secrets session-secret; read accounts orgs audit/byAll audit/byOrgL0 audit/byOrgL1 audit/byOrgL2 audit/byOrgL3',
    adminStats: 'secrets session-secret; read accounts orgs orgs/byKind stats benefits/byStatus benefitcounters satisfaction',
    statsStream: 'read orgs stats; write stats; streams members applications',
    // workbench
    rosterImportsTemplate: 'secrets session-secret; read accounts; objects-read ProofsBucket/imports/; objects-write ProofsBucket/imports/',
    rosterImportsCreate: 'secrets session-secret; read accounts; write rosterimports; objects-write ProofsBucket/imports/',
    rosterImportsStart: 'secrets session-secret; read accounts orgs rosterimports; write rosterimports; append audit; objects-read ProofsBucket/imports/',
    rosterImportsGet: 'secrets session-secret; read accounts orgs rosterimports',
    rosterImportsReport: 'secrets session-secret; read accounts orgs rosterimports; objects-read ProofsBucket/imports/; objects-write ProofsBucket/imports/',
    rosterImportsConfirm: 'secrets session-secret; read accounts orgs rosterimports; write rosterimports members guards; delete guards; append audit',
    rosterImportsWorker:
      'secrets id-encryption-key id-encryption-previous-keys id-hash-key; read accounts orgs orgs/byKind rosterimports rosterimports/byActive guards members members/byIdHash; write rosterimports members guards outbox; append audit; objects-read ProofsBucket/imports/',
    adminMemberProfile:
      'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts members orgs merchants card-checks coupons/byMember redemptions applications/byApplicant',
    // draws (答题抽奖, 报名抽签)
    adminQuestionBanksList: 'secrets session-secret; read accounts orgs draws/byList',
    adminQuestionBanksCreate: 'secrets session-secret; read accounts orgs; write draws; append audit',
    adminQuestionBanksGet: 'secrets session-secret; read accounts orgs draws',
    adminQuestionBanksUpdate: 'secrets session-secret; read accounts orgs draws; write draws; append audit',
    adminDrawsCreate: 'secrets session-secret; read accounts orgs benefits draws; write draws benefits; append audit',
    adminDrawsGet: 'secrets session-secret; read accounts members benefits benefitcounters coupons draws; write draws benefitcounters coupons',
    adminDrawsClose: 'secrets session-secret; read accounts draws; write draws; append audit',
    adminDrawsSeed: 'secrets session-secret; read accounts draws; write draws; append audit',
    adminDrawsConfirm: 'secrets session-secret; read accounts members benefits benefitcounters coupons draws; write draws benefitcounters coupons; append audit',
    drawsGet: 'read draws',
    meDrawGet: 'secrets session-secret; read accounts members orgs benefits benefitcounters coupons draws draws/byList',
    quizAttemptsCreate: 'secrets session-secret; read accounts members orgs benefits benefitcounters draws draws/byList; write draws',
    quizAttemptsSubmit: 'secrets session-secret; read accounts members orgs benefits benefitcounters coupons draws draws/byList; write draws benefitcounters coupons',
    drawEntriesCreate: 'secrets session-secret; read accounts members orgs benefits benefitcounters draws draws/byList; write draws',
    // payments (收银台, 我的订单, WeChat Pay's notifications, refunds, bans, the sweep)
    ordersCreate: 'secrets session-secret wechatpay-merchant-key wechatpay-api-v3-key wechatpay-public-key wechatpay-platform-certificate; read accounts benefits coupons orders; write orders',
    ordersList: 'secrets session-secret; read accounts members orgs coupons coupons/byMember benefitcounters orders orders/byMember',
    ordersGet: 'secrets session-secret; read accounts coupons orders',
    orderRefundRequest: 'secrets session-secret; read accounts coupons orders; write orders',
    adminOrdersList: 'secrets session-secret; read accounts members orders/byOpen',
    adminOrderRefund: 'secrets session-secret wechatpay-merchant-key wechatpay-api-v3-key wechatpay-public-key wechatpay-platform-certificate; read accounts coupons orders; write orders coupons; append audit',
    adminBansList: 'secrets session-secret; read accounts members orgs benefitcounters',
    adminBansLift: 'secrets session-secret; read accounts orgs; write benefitcounters; append audit',
    paymentsNotify: 'secrets wechatpay-merchant-key wechatpay-api-v3-key wechatpay-public-key wechatpay-platform-certificate; read coupons orders; write orders coupons',
    paymentsSweep:
      'secrets wechatpay-merchant-key wechatpay-api-v3-key wechatpay-public-key wechatpay-platform-certificate; read accounts members orgs benefits benefitcounters coupons coupons/byDue orders orders/byOpen draws draws/byList; write orders coupons benefitcounters draws outbox',
    // stations (职工驿站)
    stationsList: 'read orgs stations/byCell stations/byCity',
    adminStationsList: 'secrets session-secret; read accounts orgs stations/byCity',
    adminStationsCreate: 'secrets session-secret; read accounts orgs; write stations; append audit',
    adminStationsUpdate: 'secrets session-secret; read accounts orgs stations; write stations; delete stations; append audit',
    // hardship (困难帮扶)
    hardshipSelfCheck: 'read hardship',
    hardshipStandards: 'read hardship/byList',
    hardshipPublicity: 'read orgs hardship/byList',
    hardshipObject: 'secrets session-secret; read hardship; write hardship',
    hardshipDraftGet: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts members hardship',
    hardshipDraftSave: 'secrets session-secret id-encryption-key id-encryption-previous-keys; read accounts members; write hardship',
    hardshipSubmit: 'secrets session-secret id-encryption-key id-encryption-previous-keys id-hash-key; read accounts members orgs hardship; write hardship; delete hardship',
    meHardship: 'secrets session-secret; read accounts members orgs hardship hardship/byList',
    hardshipCaseGet: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    hardshipCancel: 'secrets session-secret; read accounts orgs hardship; write hardship; delete hardship',
    adminHardshipCases: 'secrets session-secret; read accounts orgs hardship/byList',
    hardshipDecide: 'secrets session-secret; read accounts orgs hardship; write hardship; delete hardship; append audit',
    hardshipRate: 'secrets session-secret; read accounts orgs hardship; write hardship satisfaction',
    hardshipVisit: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    hardshipResolveObjection: 'secrets session-secret; read accounts orgs hardship; write hardship; delete hardship; append audit',
    adminHardshipFiles: 'secrets session-secret; read accounts orgs hardship/byList; append audit',
    adminHardshipFileGet: 'secrets session-secret; read accounts orgs hardship; append audit',
    adminHardshipRecheck: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    adminHardshipPayment: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    adminHardshipPaymentConfirm: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    adminHardshipExport: 'secrets session-secret; read accounts orgs hardship/byList; append audit',
    adminHardshipSpotCheck: 'secrets session-secret; read accounts orgs hardship hardship/byList; write hardship; append audit',
    adminHardshipStats: 'secrets session-secret; read accounts orgs hardship',
    adminHardshipStandardSet: 'secrets session-secret; read accounts orgs hardship; write hardship; append audit',
    hardshipScheduler: 'read hardship/byList hardship/byDue; write outbox hardship; delete hardship; append audit',
  };
  const TABLE_READ = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
  const TABLE_WRITE = ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
  /** An append-only table (the audit trail): a put of a new item, never an update or a delete. */
  const TABLE_APPEND = ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem'];
  const partitionArn = (service: string, rest: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`;

  /** `'secrets a b; read c; write d'` → sorted grant lines (`read c`, `secrets a`, `secrets b`, `write d`). */
  const expected = (spec: string) =>
    spec
      .split(';')
      .filter((part) => part.trim() !== '')
      .map((part) => part.trim().split(/\s+/))
      .flatMap(([what, ...refs]) => refs.map((ref) => `${what} ${ref}`))
      .sort();

  /** The grant lines a role's policy amounts to; fails on any statement outside the vocabulary. */
  function granted(functionName: string, role: Json): string[] {
    const tableRef = (resource: Json, where: string) => {
      const [, name, index] = new RegExp(`^${escape(partitionArn('dynamodb', `table/${APP}-${STAGE}-`))}([a-z-]+)(?:/index/(\\w+))?$`).exec(resource['Fn::Sub'] ?? '') ?? [];
      if (!name) expect.fail(`not a table of this stage: ${where}`);
      return index ? `${name}/${index}` : name!;
    };
    const lines: string[] = [];
    const [policy] = role.Properties.Policies as Json[];
    expect(role.Properties.Policies).toHaveLength(1);
    expect(role.Properties.ManagedPolicyArns, functionName).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
    ]);
    const fn = byName(functionName);
    for (const st of policy!.PolicyDocument.Statement as Statement[]) {
      const actions = asArray(st.Action).sort();
      const resources = asArray(st.Resource) as Json[];
      const where = `${functionName}: ${JSON.stringify(st)}`;
      expect(st.Effect, where).toBe('Allow');
      if (st.Condition) expect(actions, `only ListBucket is conditioned: ${where}`).toEqual(['s3:ListBucket']);
      if (actions.join() === 'logs:CreateLogStream,logs:PutLogEvents') {
        expect(resources, where).toEqual([
          { 'Fn::Sub': partitionArn('logs', `log-group:/aws/lambda/${APP}-${fn.capability}-${STAGE}-${functionName}:*`) },
        ]);
      } else if (actions.join() === TABLE_READ.join()) {
        lines.push(...resources.map((r) => `read ${tableRef(r, where)}`).filter((l) => !l.includes('/') || expect.fail(where)));
      } else if (actions.join() === 'dynamodb:Query') {
        lines.push(...resources.map((r) => `read ${tableRef(r, where)}`).filter((l) => l.includes('/') || expect.fail(where)));
      } else if (actions.join() === TABLE_WRITE.join()) {
        lines.push(...resources.map((r) => `write ${tableRef(r, where)}`));
      } else if (actions.join() === 'dynamodb:DeleteItem') {
        lines.push(...resources.map((r) => `delete ${tableRef(r, where)}`));
      } else if (actions.join() === 'dynamodb:Scan') {
        lines.push(...resources.map((r) => `scan ${tableRef(r, where)}`));
      } else if (actions.join() === TABLE_APPEND.join()) {
        lines.push(...resources.map((r) => `append ${tableRef(r, where)}`));
      } else if (actions.join() === 'dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:ListStreams') {
        for (const r of resources) {
          const [, table] = new RegExp(`^${APP}-${STAGE}-([a-z]+)-stream-arn$`).exec(r['Fn::ImportValue'] ?? '') ?? [];
          if (!table) expect.fail(where);
          lines.push(`streams ${table}`);
        }
      } else if (actions.join() === 'ssm:GetParameters') {
        for (const r of resources) {
          const [, name] = new RegExp(`^${escape(partitionArn('ssm', `parameter/${APP}/${STAGE}/`))}([a-z0-9-]+)$`).exec(r['Fn::Sub'] ?? '') ?? [];
          if (!name) expect.fail(`a parameter outside the stage's path: ${where}`);
          lines.push(`secrets ${name}`);
        }
      } else if (actions.join() === 's3:GetObject' || actions.join() === 's3:PutObject') {
        const kind = actions[0] === 's3:GetObject' ? 'objects-read' : 'objects-write';
        for (const r of resources) {
          const [, prefix] = new RegExp(`^arn:\\$\\{AWS::Partition\\}:s3:::${APP}-${STAGE}-proofs/((?:[\\w.-]+/)+)\\*$`).exec(r['Fn::Sub'] ?? '') ?? [];
          if (!prefix) expect.fail(where);
          lines.push(`${kind} ProofsBucket/${prefix}`);
        }
      } else if (actions.join() === 's3:ListBucket') {
        expect(resources, where).toEqual([{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${APP}-${STAGE}-proofs` }]);
        // Listing is limited to the prefixes the function reads.
        const reads = (policy!.PolicyDocument.Statement as Statement[])
          .filter((s) => asArray(s.Action).join() === 's3:GetObject')
          .flatMap((s) => asArray(s.Resource) as Json[])
          .map((r) => (r['Fn::Sub'] as string).replace(/^.*-proofs\//, ''));
        expect(st.Condition, where).toEqual({ StringLike: { 's3:prefix': reads } });
      } else {
        expect.fail(`a statement outside the vocabulary of custom.access: ${where}`);
      }
    }
    return lines.sort();
  }

  it('lists every function, and only those', () => {
    expect(Object.keys(MAY).sort()).toEqual(functions.map((f) => f.name).sort());
  });

  it('leaves no shared role', () => {
    for (const s of packaged.stacks) expect(s.template.Resources.IamRoleLambdaExecution, s.name).toBeUndefined();
    const roles = functions.map((fn) => JSON.stringify(functionResource(fn)[1].Properties.Role));
    expect(new Set(roles).size).toBe(roles.length);
    expect(allResources().filter(({ r }) => r.Type === 'AWS::IAM::Role')).toHaveLength(roles.length);
  });

  it.each(functions.map((f) => f.name))('%s: its own role, with exactly the grants listed for it', (name) => {
    const [, resource, s] = functionResource(byName(name));
    const roleId = resource.Properties.Role['Fn::GetAtt']?.[0] as string;
    expect(roleId, `${name} runs under a role of its stack`).toBeDefined();
    expect(MAY[name], `${name} is missing from MAY in this test`).toBeDefined();
    expect(granted(name, s.template.Resources[roleId])).toEqual(expected(MAY[name]!));
  });

  it.each(functions.map((f) => f.name))('%s: told in SECRET_NAMES exactly the parameters its role may read', (name) => {
    const vars = functionResource(byName(name))[1].Properties.Environment.Variables as Record<string, string>;
    const secrets = expected(MAY[name]!).filter((l) => l.startsWith('secrets ')).map((l) => l.slice('secrets '.length));
    expect((vars.SECRET_NAMES ?? '').split(',').filter(Boolean).sort()).toEqual(secrets.sort());
  });

  it('names only parameters the platform documents, and no private key to the key set or the privacy texts', () => {
    const known = Object.keys(shared.secretParameters);
    for (const spec of Object.values(MAY)) {
      for (const line of expected(spec).filter((l) => l.startsWith('secrets '))) expect(known).toContain(line.slice('secrets '.length));
    }
    expect(MAY.cardsJwks).toBe('secrets card-public-jwks');
    expect(MAY.privacyGet).toBe('');
  });

  it('keeps logs for 180 days', () => {
    for (const capability of CAPABILITY_STACKS) {
      const groups = resourcesOfType(stack(capability).template, 'AWS::Logs::LogGroup');
      expect(groups.length, capability).toBe(functions.filter((f) => f.capability === capability).length);
      for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBe(180);
    }
  });

  it('grants no wildcard action and no Resource "*"', () => {
    const statements = allResources()
      .filter(({ r }) => r.Type === 'AWS::IAM::Role')
      .flatMap(({ r }) => (r.Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Statement[]));
    expect(statements.length).toBeGreaterThan(functions.length);
    expect(allResources().filter(({ r }) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')).toEqual([]);
    for (const s of statements) {
      const where = JSON.stringify(s);
      for (const action of asArray(s.Action)) expect(action, where).not.toMatch(/\*/);
      for (const resource of asArray(s.Resource)) expect(resource, where).not.toBe('*');
      expect(asArray(s.Action), where).not.toContain('ssm:GetParametersByPath');
    }
  });

  it('puts no secret into environment variables and no local plumbing into prod', () => {
    const secretName = /SECRET|PASSW|TOKEN|PRIVATE|CREDENTIAL|(^|_)KEY(_|$)/i;
    const reference = /_(PATH|FILE|ARN|NAME|NAMES)$/; // names a place to read a secret from, not the secret
    for (const fn of functions) {
      const vars = functionResource(fn)[1].Properties.Environment.Variables as Record<string, unknown>;
      for (const [key, value] of Object.entries(vars)) {
        const where = `${fn.name}: ${key}`;
        if (secretName.test(key) && !reference.test(key)) expect(value, where).toBe('');
        expect(typeof value, where).toBe('string');
        expect(value as string, where).not.toMatch(/PRIVATE KEY|^[A-Za-z0-9+/_-]{40,}={0,2}$/);
      }
      expect(vars.WECHAT_MODE, fn.name).toBe('wechat');
      expect(vars.SECRETS_SSM_PATH, fn.name).toBe(`/${APP}/${STAGE}/`);
      expect(vars.TABLE_PREFIX, fn.name).toBe(`${APP}-${STAGE}-`);
      // Exported in the packaging shell above; must not reach a deployed stage.
      expect(vars.DYNAMODB_ENDPOINT, fn.name).toBe('');
      expect(vars.LOCAL_SECRETS_FILE, fn.name).toBe('');
      expect(vars.WECHAT_API_BASE, fn.name).toBe('https://api.weixin.qq.com');
      // The WeChat app id (public) is taken from the deploying shell.
      expect(vars.WECHAT_APP_ID, fn.name).toBe(LEAKY_ENV.WECHAT_APP_ID);
    }
  });
});

/** A string for a RegExp, special characters escaped. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the function packages', () => {
  /** The spreadsheet reader's function ships without its source map (functions/workbench/serverless.yml: exceljs's map). */
  const WITHOUT_MAPS = new Set(['rosterImportsWorker']);

  it.each(functions.map((f) => f.name))(
    `%s: one zip of at most ${MAX_ZIP_BYTES / 1024} KB holding its minified bundle, AWS SDK external`,
    async (name) => {
      const fn = byName(name);
      const [, resource, s] = functionResource(fn);
      const zipPath = join(s.packageDir, (resource.Properties.Code.S3Key as string).split('/').pop()!);
      expect(existsSync(zipPath), zipPath).toBe(true);
      const bytes = statSync(zipPath).size;
      console.info(`${name}: ${(bytes / 1024).toFixed(1)} KB zipped`);
      expect(bytes).toBeLessThanOrEqual(MAX_ZIP_BYTES);

      const zip = await JSZip.loadAsync(readFileSync(zipPath));
      const files = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
      const bundlePath = `${capabilityHandler(fn).replace(/\.[^.]+$/, '')}.js`;
      const bundle = await zip.file(bundlePath)!.async('string');
      const lines = bundle.split('\n');
      expect(bundle.length / lines.length, 'average line length of a minified bundle').toBeGreaterThan(1000);
      if (WITHOUT_MAPS.has(name)) {
        // No map to list the bundled packages: the SDK is still required from the runtime, not inlined.
        expect(files).toEqual([bundlePath]);
        expect(bundle).toMatch(/require\("@aws-sdk\//);
        expect(bundle).not.toMatch(/AWS SDK for JavaScript|class S3Client\b/);
        return;
      }
      expect(files.sort()).toEqual([bundlePath, `${bundlePath}.map`].sort());

      const map = JSON.parse(await zip.file(`${bundlePath}.map`)!.async('string')) as { sources: string[] };
      const bundledPackages = new Set(map.sources.flatMap((src) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src)?.[1] ?? []));
      expect([...bundledPackages].filter((p) => p.startsWith('@aws-sdk/') || p === 'aws-sdk')).toEqual([]);
      expect(map.sources.some((src) => src.includes('/api/')), 'the handler itself is in the bundle').toBe(true);
    },
  );
});

describe('the local aggregate (root serverless.yml)', () => {
  it.each(['local', 'test'] as const)('runs the development WeChat adapter on the %s stage, with its local plumbing', (stage) => {
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

  it('serves every function of every capability, with the secrets its stack grants it', () => {
    const served = printed.test.functions as Record<string, Json>;
    expect(Object.keys(served).sort()).toEqual(functions.map((f) => f.name).sort());
    for (const fn of functions) {
      const [, resource] = functionResource(fn);
      expect(served[fn.name]!.environment.SECRET_NAMES, fn.name).toBe(resource.Properties.Environment.Variables.SECRET_NAMES);
    }
  });

  it('cannot be deployed: it is refused, and every command must name its stage', async () => {
    const failure = (err: { stderr?: string; stdout?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`;
    const packagedRoot = await packaged.serverless(['package', '--stage', STAGE]).then(() => 'packaged', failure);
    expect(packagedRoot).toContain('npm run package');
    const noStage = await packaged.serverless(['print', '--format', 'json']).then(() => 'resolved without a stage', failure);
    expect(noStage).toContain('provider.stage');
  });

  it('keeps serverless-offline on loopback, in process', () => {
    const offline = printed.local.custom['serverless-offline'] as Json;
    expect(offline.host).toBe('127.0.0.1');
    expect(offline.useInProcess).toBe(true);
  });
});
