import type { TestProject } from 'vitest/node';
import { setupTestStack } from './stack';

/** Global setup of the `integration` project: DynamoDB Local (in memory) with the test tables. */
export default function setup(project: TestProject) {
  return setupTestStack(project);
}
