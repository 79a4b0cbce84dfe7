import { DynamoDB } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import { config } from '../config';

/**
 * One DynamoDB client per container, pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set.
 * Tables are never created or altered from here: serverless.yml owns them (and scripts/ creates the
 * same definitions locally).
 */
const { dynamodbEndpoint, region, tablePrefix } = config();

export const ddb = new DynamoDB(
  dynamodbEndpoint
    ? { endpoint: dynamodbEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : { region },
);
dynamoose.aws.ddb.set(ddb);
dynamoose.Table.defaults.set({ prefix: tablePrefix, create: false, waitForActive: false, update: false });

export { dynamoose };
