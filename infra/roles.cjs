'use strict';

/**
 * A local osls plugin (serverless.yml › plugins): one IAM role per function, granting only what
 * serverless.yml › custom.access lists for that function. Packaging fails for a function that is not
 * listed there, for a listed function that does not exist, and for a table, index or bucket that is
 * not in the stack, so a new function cannot ship on another function's rights.
 *
 * custom.access.<function>:
 *   read:    tables by name (`accounts` for …-accounts): GetItem, BatchGetItem, Query,
 *            ConditionCheckItem; `table/index`: Query on that index.
 *   write:   tables by name: PutItem, UpdateItem, DeleteItem, ConditionCheckItem. Transactions need
 *            no actions of their own (TransactWriteItems/TransactGetItems are authorised per item).
 *   append:  tables by name that are append-only (the audit trail): PutItem and ConditionCheckItem,
 *            never UpdateItem or DeleteItem (a conditional put of a new id cannot change an entry).
 *   secrets: true: ssm:GetParametersByPath on this stage's path (the secrets, read at cold start).
 *   streams: tables by name whose DynamoDB Stream the function consumes (its `stream` events):
 *            DescribeStream, GetRecords, GetShardIterator, ListStreams on that table's stream.
 *   objects: { read: [Bucket/prefix/], write: [Bucket/prefix/] } by the bucket's logical id:
 *            read = s3:GetObject under the prefix (HeadObject, ranged reads, presigned GETs) and
 *            s3:ListBucket on the bucket (else HeadObject of a missing key is 403, not 404);
 *            write = s3:PutObject under the prefix (presigned POSTs act as this role).
 * Every role may also write its own function's log group, and nothing else.
 */

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const INDEX_READ = ['dynamodb:Query'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];
const TABLE_APPEND = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'];
const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const KNOWN = new Set(['read', 'write', 'append', 'secrets', 'objects', 'streams']);

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
    for (const name of Object.keys(access)) {
      const fn = this.serverless.service.getFunction(name);
      if (fn.role) this.fail(`function ${name} sets its own role; list its rights in custom.access instead`);
      fn.role = this.roleId(name);
    }
  }

  addRoles() {
    const service = this.serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const stage = this.serverless.getProvider('aws').getStage();
    const prefix = `${service.service}-${stage}-`;
    const tables = new Map();
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::DynamoDB::Table') continue;
      const tableName = resource.Properties.TableName;
      if (typeof tableName !== 'string' || !tableName.startsWith(prefix)) this.fail(`table ${id} is not named ${prefix}<name>`);
      const indexes = (resource.Properties.GlobalSecondaryIndexes || []).map((i) => i.IndexName);
      tables.set(tableName.slice(prefix.length), { id, indexes });
    }
    const tableArn = (ref) => {
      const [name, index, ...rest] = ref.split('/');
      const table = tables.get(name);
      if (!table || rest.length > 0) this.fail(`unknown table "${ref}" (tables: ${[...tables.keys()].join(', ')})`);
      if (index === undefined) return { 'Fn::GetAtt': [table.id, 'Arn'] };
      if (!table.indexes.includes(index)) this.fail(`table ${name} has no index ${index}`);
      return { 'Fn::Sub': `\${${table.id}.Arn}/index/${index}` };
    };
    const bucketOf = (ref) => {
      const match = /^(\w+)\/((?:[\w.-]+\/)+)$/.exec(ref);
      if (!match || !template.Resources[match[1]] || template.Resources[match[1]].Type !== 'AWS::S3::Bucket') {
        this.fail(`objects: "${ref}" is not <BucketLogicalId>/<prefix>/ of a bucket in the stack`);
      }
      return { bucket: match[1], objects: { 'Fn::Sub': `\${${match[1]}.Arn}/${match[2]}*` } };
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
      for (const ref of grants.write || []) if (ref.includes('/')) this.fail(`${name}: indexes cannot be written (${ref})`);
      if ((grants.write || []).length > 0) statements.push({ Effect: 'Allow', Action: TABLE_WRITE, Resource: grants.write.map(tableArn) });
      for (const ref of grants.append || []) if (ref.includes('/') || (grants.write || []).includes(ref)) this.fail(`${name}: append ${ref} is a table not also written`);
      if ((grants.append || []).length > 0) statements.push({ Effect: 'Allow', Action: TABLE_APPEND, Resource: grants.append.map(tableArn) });
      for (const ref of grants.streams || []) if (ref.includes('/')) this.fail(`${name}: streams are of tables (${ref})`);
      if ((grants.streams || []).length > 0) {
        statements.push({
          Effect: 'Allow',
          Action: STREAM_READ,
          Resource: grants.streams.map((ref) => {
            const table = tables.get(ref);
            if (!table) this.fail(`${name}: unknown table "${ref}" in streams`);
            if (!template.Resources[table.id].Properties.StreamSpecification) this.fail(`${name}: table ${ref} has no stream`);
            return { 'Fn::GetAtt': [table.id, 'StreamArn'] };
          }),
        });
      }
      if (grants.secrets === true) {
        // SecureStrings under the AWS managed key aws/ssm need no kms:Decrypt grant; a customer
        // managed key would (kms:ViaService ssm).
        const path = `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${service.service}/${stage}`;
        statements.push({ Effect: 'Allow', Action: ['ssm:GetParametersByPath'], Resource: [{ 'Fn::Sub': path }, { 'Fn::Sub': `${path}/*` }] });
      } else if (grants.secrets !== undefined && grants.secrets !== false) this.fail(`${name}: secrets is true or absent`);
      const objects = grants.objects || {};
      for (const key of Object.keys(objects)) if (key !== 'read' && key !== 'write') this.fail(`${name}: objects.${key} is not read or write`);
      const objectReads = (objects.read || []).map(bucketOf);
      const objectWrites = (objects.write || []).map(bucketOf);
      if (objectReads.length > 0) {
        statements.push({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: objectReads.map((o) => o.objects) });
        const buckets = [...new Set(objectReads.map((o) => o.bucket))];
        statements.push({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: buckets.map((b) => ({ 'Fn::GetAtt': [b, 'Arn'] })) });
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
