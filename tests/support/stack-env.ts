import { inject } from 'vitest';

/**
 * Points the functions' configuration at the stack the test project started (DynamoDB Local, s3rver,
 * the secrets file: the endpoints its global setup provides), for use cases run in the test process.
 * Call it before the first import of a module that reads the configuration (the data layer).
 */
export function pointAtTestStack(): void {
  Object.assign(process.env, {
    STAGE: 'test',
    TABLE_PREFIX: inject('tablePrefix'),
    WECHAT_MODE: 'dev',
    DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
    S3_ENDPOINT: inject('s3Endpoint'),
    PROOFS_BUCKET: inject('proofsBucket'),
    LOCAL_SECRETS_FILE: inject('secretsFile'),
    AWS_REGION: 'cn-northwest-1',
    LOG_LEVEL: 'error',
  });
}
