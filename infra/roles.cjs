'use strict';

/**
 * A local osls plugin (each capability's serverless.yml › plugins): one IAM role per function,
 * granting only what that service's custom.access lists for it. Packaging fails for a function that
 * is not listed there, for a listed function that does not exist, and for a table, index, bucket or
 * parameter the platform does not have, so a new function cannot ship on another function's rights.
 *
 * The tables, buckets and parameters belong to the platform stack (infra/tables.yml,
 * infra/platform/serverless.yml, infra/shared.yml › secretParameters); a capability's roles name them
 * by ARN, built from their names (tables `<app>-<stage>-<name>`, the bucket's name param, parameters
 * under the stage's path), and the streams through the platform's exports.
 *
 * custom.access.<function>:
 *   read:    tables by name (`accounts` for …-accounts): GetItem, BatchGetItem, Query,
 *            ConditionCheckItem; `table/index`: Query on that index.
 *   write:   tables by name: PutItem, UpdateItem, ConditionCheckItem. Transactions need no actions of
 *            their own (TransactWriteItems/TransactGetItems are authorised per item).
 *   scan:    tables by name the function reads whole (a small one: the merchants for the benefit
 *            form's picker): Scan. Nothing else may scan.
 *   delete:  tables by name the function deletes items of (a released guard, a closed account):
 *            DeleteItem. Nothing else may delete.
 *   append:  tables by name that are append-only (the audit trail): PutItem and ConditionCheckItem,
 *            never UpdateItem or DeleteItem (a conditional put of a new id cannot change an entry).
 *   secrets: the parameters the function reads, by name (`session-secret`, …): ssm:GetParameters on
 *            exactly those ARNs (never a path), and SECRET_NAMES in its environment so the code
 *            refuses to ask for any other (functions/kernel/config.ts).
 *   streams: tables by name whose DynamoDB Stream the function consumes (its `stream` events):
 *            DescribeStream, GetRecords, GetShardIterator, ListStreams on that table's stream.
 *   objects: { read: [Bucket/prefix/], write: [Bucket/prefix/] } by the bucket's logical id:
 *            read = s3:GetObject under the prefix (HeadObject, ranged reads, presigned GETs) and
 *            s3:ListBucket on the bucket for those prefixes only (else HeadObject of a missing key
 *            is 403, not 404); write = s3:PutObject under the prefix (presigned POSTs act as this role).
 * Every role may also write its own function's log group, and nothing else.
 */

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const yaml = require('yaml');

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const INDEX_READ = ['dynamodb:Query'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];
const TABLE_DELETE = ['dynamodb:DeleteItem'];
const TABLE_SCAN = ['dynamodb:Scan'];
const TABLE_APPEND = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'];
const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const KNOWN = new Set(['read', 'scan', 'write', 'delete', 'append', 'secrets', 'objects', 'streams']);
/** Buckets by logical id → the environment variable holding the bucket's name. */
const BUCKETS = { ProofsBucket: 'PROOFS_BUCKET' };

/** CloudFormation short tags read as plain values: only names, indexes and streams are looked at. */
const CFN_TAGS = ['Ref', 'GetAtt', 'Sub', 'If', 'Not', 'Equals', 'Join', 'Select', 'ImportValue'].flatMap((name) =>
  ['scalar', 'seq', 'map'].map((kind) => ({
    tag: `!${name}`,
    ...(kind === 'scalar' ? {} : { collection: kind }),
    resolve: (value) => ({ [name]: value && value.toJSON ? value.toJSON() : value }),
  })),
);

/** The platform's tables (infra/tables.yml): short name → { indexes, stream }. */
function platformTables() {
  const doc = yaml.parse(readFileSync(join(__dirname, 'tables.yml'), 'utf8'), { customTags: CFN_TAGS, logLevel: 'error' });
  const tables = new Map();
  for (const [id, resource] of Object.entries(doc.Resources)) {
    if (resource.Type !== 'AWS::DynamoDB::Table') continue;
    const match = /^\$\{param:app\}-\$\{sls:stage\}-([a-z0-9-]+)$/.exec(resource.Properties.TableName);
    if (!match) throw new Error(`infra/roles.cjs: table ${id} is not named \${param:app}-\${sls:stage}-<name>`);
    tables.set(match[1], {
      id,
      indexes: (resource.Properties.GlobalSecondaryIndexes || []).map((i) => i.IndexName),
      stream: Boolean(resource.Properties.StreamSpecification),
    });
  }
  return tables;
}

/** The parameters an operator puts under the stage's path (infra/shared.yml › secretParameters). */
function platformParameters() {
  const doc = yaml.parse(readFileSync(join(__dirname, 'shared.yml'), 'utf8'), { logLevel: 'error' });
  return new Set(Object.keys(doc.secretParameters || {}));
}

class Roles {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // Before osls decides whether to build its one shared role: with a role on every function it builds none.
      'before:package:setupProviderConfiguration': () => this.assignRoles(),
      // After serverless.yml's own resources are merged in (tables, buckets), before the template is written.
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.addRoles(),
    };
  }

  fail(message) {
    const ServerlessError = (this.serverless.classes && this.serverless.classes.Error) || Error;
    throw new ServerlessError(`infra/roles.cjs: ${message}`);
  }

  access() {
    const access = (this.serverless.service.custom || {}).access;
    if (!access) this.fail('custom.access is missing in serverless.yml');
    const functions = this.serverless.service.getAllFunctions();
    const missing = functions.filter((name) => !access[name]);
    if (missing.length > 0) this.fail(`no entry in custom.access for ${missing.join(', ')} (say what each may read and write)`);
    const unknown = Object.keys(access).filter((name) => !functions.includes(name));
    if (unknown.length > 0) this.fail(`custom.access names functions that do not exist: ${unknown.join(', ')}`);
    for (const [name, grants] of Object.entries(access)) {
      for (const key of Object.keys(grants)) if (!KNOWN.has(key)) this.fail(`custom.access.${name}.${key} is not one of ${[...KNOWN].join(', ')}`);
    }
    return access;
  }

  roleId(name) {
    return `${this.serverless.getProvider('aws').naming.getNormalizedFunctionName(name)}IamRole`;
  }

  assignRoles() {
    const access = this.access();
    const env = this.serverless.service.provider.environment || {};
    for (const [name, grants] of Object.entries(access)) {
      const fn = this.serverless.service.getFunction(name);
      if (fn.role) this.fail(`function ${name} sets its own role; list its rights in custom.access instead`);
      fn.role = this.roleId(name);
      // The code reads only these parameters (functions/kernel/config.ts), the role grants only these.
      const secrets = grants.secrets || [];
      if (!Array.isArray(secrets)) this.fail(`${name}: secrets is a list of parameter names`);
      fn.environment = { ...(fn.environment || {}), SECRET_NAMES: secrets.join(',') };
      if (env.SECRET_NAMES !== undefined) this.fail('provider.environment must not set SECRET_NAMES (each function has its own)');
    }
  }

  addRoles() {
    const service = this.serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const env = service.provider.environment || {};
    const stage = this.serverless.getProvider('aws').getStage();
    const tablePrefix = env.TABLE_PREFIX;
    const ssmPath = env.SECRETS_SSM_PATH;
    if (typeof tablePrefix !== 'string' || tablePrefix === '') this.fail('provider.environment.TABLE_PREFIX is not set');
    const app = tablePrefix.slice(0, -`-${stage}-`.length);
    if (`${app}-${stage}-` !== tablePrefix) this.fail(`TABLE_PREFIX ${tablePrefix} is not <app>-${stage}-`);
    const tables = platformTables();
    const parameters = platformParameters();
    const tableArn = (ref) => {
      const [name, index, ...rest] = ref.split('/');
      const table = tables.get(name);
      if (!table || rest.length > 0) this.fail(`unknown table "${ref}" (tables: ${[...tables.keys()].join(', ')})`);
      const arn = `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${tablePrefix}${name}`;
      if (index === undefined) return { 'Fn::Sub': arn };
      if (!table.indexes.includes(index)) this.fail(`table ${name} has no index ${index}`);
      return { 'Fn::Sub': `${arn}/index/${index}` };
    };
    const bucketOf = (ref) => {
      const match = /^(\w+)\/((?:[\w.-]+\/)+)$/.exec(ref);
      if (!match || !BUCKETS[match[1]]) this.fail(`objects: "${ref}" is not <BucketLogicalId>/<prefix>/ of a platform bucket (${Object.keys(BUCKETS).join(', ')})`);
      const bucketName = env[BUCKETS[match[1]]];
      if (typeof bucketName !== 'string' || bucketName === '') this.fail(`provider.environment.${BUCKETS[match[1]]} (the name of ${match[1]}) is not set`);
      return {
        bucket: match[1],
        bucketArn: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucketName}` },
        prefix: match[2],
        objects: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucketName}/${match[2]}*` },
      };
    };
    const tableList = (name, grants, key) => {
      const list = grants[key] || [];
      for (const ref of list) if (ref.includes('/')) this.fail(`${name}: ${key} names tables, not indexes (${ref})`);
      return list;
    };

    for (const [name, grants] of Object.entries(this.access())) {
      const fn = service.getFunction(name);
      const statements = [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${fn.name}:*` }],
        },
      ];
      const read = grants.read || [];
      const tableReads = read.filter((r) => !r.includes('/'));
      const indexReads = read.filter((r) => r.includes('/'));
      if (tableReads.length > 0) statements.push({ Effect: 'Allow', Action: TABLE_READ, Resource: tableReads.map(tableArn) });
      if (indexReads.length > 0) statements.push({ Effect: 'Allow', Action: INDEX_READ, Resource: indexReads.map(tableArn) });
      const writes = tableList(name, grants, 'write');
      if (writes.length > 0) statements.push({ Effect: 'Allow', Action: TABLE_WRITE, Resource: writes.map(tableArn) });
      const deletes = tableList(name, grants, 'delete');
      for (const ref of deletes) if (!writes.includes(ref)) this.fail(`${name}: delete ${ref} is a table it also writes (list it in write)`);
      if (deletes.length > 0) statements.push({ Effect: 'Allow', Action: TABLE_DELETE, Resource: deletes.map(tableArn) });
      const scans = tableList(name, grants, 'scan');
      if (scans.length > 0) statements.push({ Effect: 'Allow', Action: TABLE_SCAN, Resource: scans.map(tableArn) });
      const appends = tableList(name, grants, 'append');
      for (const ref of appends) if (writes.includes(ref)) this.fail(`${name}: append ${ref} is a table not also written`);
      if (appends.length > 0) statements.push({ Effect: 'Allow', Action: TABLE_APPEND, Resource: appends.map(tableArn) });
      const streams = tableList(name, grants, 'streams');
      if (streams.length > 0) {
        statements.push({
          Effect: 'Allow',
          Action: STREAM_READ,
          Resource: streams.map((ref) => {
            const table = tables.get(ref);
            if (!table) this.fail(`${name}: unknown table "${ref}" in streams`);
            if (!table.stream) this.fail(`${name}: table ${ref} has no stream`);
            // Exported by the platform stack (infra/platform/serverless.yml › Outputs).
            return { 'Fn::ImportValue': `${app}-${stage}-${ref}-stream-arn` };
          }),
        });
      }
      const secrets = grants.secrets || [];
      for (const secret of secrets) if (!parameters.has(secret)) this.fail(`${name}: unknown parameter "${secret}" (infra/shared.yml › secretParameters)`);
      if (new Set(secrets).size !== secrets.length) this.fail(`${name}: a parameter is listed twice`);
      if (secrets.length > 0) {
        if (typeof ssmPath !== 'string' || !ssmPath.startsWith('/') || !ssmPath.endsWith('/')) this.fail(`SECRETS_SSM_PATH "${ssmPath}" is not /<path>/`);
        // SecureStrings under the AWS managed key aws/ssm need no kms:Decrypt grant; a customer
        // managed key would (kms:ViaService ssm).
        statements.push({
          Effect: 'Allow',
          Action: ['ssm:GetParameters'],
          Resource: secrets.map((secret) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${ssmPath}${secret}` })),
        });
      }
      const objects = grants.objects || {};
      for (const key of Object.keys(objects)) if (key !== 'read' && key !== 'write') this.fail(`${name}: objects.${key} is not read or write`);
      const objectReads = (objects.read || []).map(bucketOf);
      const objectWrites = (objects.write || []).map(bucketOf);
      if (objectReads.length > 0) {
        statements.push({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: objectReads.map((o) => o.objects) });
        for (const bucket of [...new Set(objectReads.map((o) => o.bucket))]) {
          const reads = objectReads.filter((o) => o.bucket === bucket);
          statements.push({
            Effect: 'Allow',
            Action: ['s3:ListBucket'],
            Resource: [reads[0].bucketArn],
            Condition: { StringLike: { 's3:prefix': reads.map((o) => `${o.prefix}*`) } },
          });
        }
      }
      if (objectWrites.length > 0) statements.push({ Effect: 'Allow', Action: ['s3:PutObject'], Resource: objectWrites.map((o) => o.objects) });

      const roleId = this.roleId(name);
      if (template.Resources[roleId]) this.fail(`${roleId} exists already`);
      template.Resources[roleId] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
          },
          Policies: [{ PolicyName: `${fn.name}`, PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
        },
      };
    }
  }
}

module.exports = Roles;
