import type { TestProject } from 'vitest/node';
import { setupTestStack } from './stack';

/** Global setup of the `api` project: DynamoDB Local, the demo data and serverless-offline. */
export default function setup(project: TestProject) {
  return setupTestStack(project, { api: true });
}
