/**
 * Runs the demo seed in a process of its own (see seed-runner.ts). The seed reads STAGE,
 * TABLE_PREFIX, DYNAMODB_ENDPOINT and LOCAL_SECRETS_FILE from the environment it was given;
 * the outcome goes to stdout as one JSON line.
 */
import { seedDemoData } from '../seed';
import { loadDemoData } from './demo-data';

seedDemoData(loadDemoData()).then(
  (result) => {
    process.stdout.write(`SEED_RESULT ${JSON.stringify(result)}\n`);
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
