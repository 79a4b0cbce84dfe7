'use strict';

/**
 * A local osls plugin (plugins of every deployed stack): the CloudWatch alarms that exist once per
 * function and once per table, generated when a stack is packaged so that a function or table added
 * is watched without anyone remembering to copy an alarm.
 *
 * - the HTTP API's stage (infra/api): share of 5xx answers (custom.alarms.httpApi5xx);
 * - every function (the capability stacks): Lambda Errors and Throttles (custom.alarms.lambda);
 * - every DynamoDB table (the platform stack): read + write throttle events (custom.alarms.dynamodb).
 *
 * Every alarm notifies the SNS topic custom.alarms.topicArn when the stack's HasAlarmTopic condition
 * holds (the `alarmTopicArn` param is set; the plugin adds the condition to a stack that lacks it).
 * Alarms that depend on what a function logs (BindingRefusals, NoticeFailures, OutboxOldestAge) stay
 * hand-written in that function's capability, beside their metric filters.
 */

const TOPIC_CONDITION = 'HasAlarmTopic';

class Alarms {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After serverless.yml's own resources are merged in (tables, conditions), before the template is written.
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.addAlarms(),
    };
  }

  addAlarms() {
    const service = this.serverless.service;
    const naming = this.serverless.getProvider('aws').naming;
    const settings = service.custom && service.custom.alarms;
    if (!settings) throw new Error('infra/alarms.cjs: custom.alarms is missing in serverless.yml');
    const template = service.provider.compiledCloudFormationTemplate;
    template.Conditions = template.Conditions || {};
    template.Conditions[TOPIC_CONDITION] = template.Conditions[TOPIC_CONDITION] || { 'Fn::Not': [{ 'Fn::Equals': [settings.topicArn, ''] }] };
    const stage = this.serverless.getProvider('aws').getStage();
    const actions = { 'Fn::If': [TOPIC_CONDITION, [settings.topicArn], { Ref: 'AWS::NoValue' }] };
    const add = (logicalId, properties) => {
      if (template.Resources[logicalId]) throw new Error(`infra/alarms.cjs: ${logicalId} exists already`);
      template.Resources[logicalId] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { TreatMissingData: 'notBreaching', ...properties, AlarmActions: actions },
      };
    };

    // HTTP API: 5xx answers as a percentage of all answers, once there are enough to mean something.
    const http = settings.httpApi5xx;
    const stageResource = template.Resources.HttpApiStage;
    if (stageResource && stageResource.Type === 'AWS::ApiGatewayV2::Stage') {
      const dimensions = [
        { Name: 'ApiId', Value: stageResource.Properties.ApiId },
        { Name: 'Stage', Value: '$default' },
      ];
      const metric = (id, name) => ({
        Id: id,
        ReturnData: false,
        MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: dimensions }, Period: http.period, Stat: 'Sum' },
      });
      add('HttpApi5xxRateAlarm', {
        AlarmDescription: `${stage}: more than ${http.percent} % of the API's answers were 5xx (of at least ${http.minRequests} requests in ${http.period} s)`,
        Metrics: [
          metric('errors', '5xx'),
          metric('requests', 'Count'),
          {
            Id: 'rate',
            Label: '5xx %',
            ReturnData: true,
            Expression: `IF(requests >= ${http.minRequests}, 100 * errors / requests, 0)`,
          },
        ],
        EvaluationPeriods: http.evaluationPeriods,
        Threshold: http.percent,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }

    // Every function: Errors (endpoint() answers every thrown error itself, so these are time-outs,
    // out-of-memory and failed cold starts) and Throttles (concurrency exhausted).
    const lambda = settings.lambda;
    for (const name of service.getAllFunctions()) {
      const functionId = naming.getLambdaLogicalId(name);
      if (!template.Resources[functionId]) throw new Error(`infra/alarms.cjs: no ${functionId} for function ${name}`);
      const normalized = naming.getNormalizedFunctionName(name);
      for (const metricName of ['Errors', 'Throttles']) {
        add(`${normalized}${metricName}Alarm`, {
          AlarmDescription: `${stage}: function ${name} had ${metricName.toLowerCase()} (≥ ${lambda.threshold} in ${lambda.period} s)`,
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
          Statistic: 'Sum',
          Period: lambda.period,
          EvaluationPeriods: 1,
          Threshold: lambda.threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    }

    // Every table: read and write throttle events (dimension TableName alone; ThrottledRequests would
    // need one alarm per operation). An on-demand table throttles on a hot partition or while its
    // capacity grows; the use cases retry, so a few are absorbed and only a sustained number alarms.
    const dynamodb = settings.dynamodb;
    for (const [tableId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::DynamoDB::Table') continue;
      const metric = (id, name) => ({
        Id: id,
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: [{ Name: 'TableName', Value: { Ref: tableId } }] },
          Period: dynamodb.period,
          Stat: 'Sum',
        },
      });
      add(`${tableId}ThrottlesAlarm`, {
        AlarmDescription: `${stage}: table ${tableId} throttled ≥ ${dynamodb.threshold} requests in ${dynamodb.period} s`,
        Metrics: [
          metric('reads', 'ReadThrottleEvents'),
          metric('writes', 'WriteThrottleEvents'),
          { Id: 'throttled', Label: 'throttle events', ReturnData: true, Expression: 'FILL(reads, 0) + FILL(writes, 0)' },
        ],
        EvaluationPeriods: 1,
        Threshold: dynamodb.threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  }
}

module.exports = Alarms;
