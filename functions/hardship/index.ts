/**
 * 困难帮扶's (functions/hardship) public entry: nothing yet beyond its contracts, which the
 * mini-program shares. It uses the application engine through functions/applications/index.ts
 * (the kind `hardship`: steps, deadlines, the two-person rule) and writes its reminders into that
 * capability's outbox.
 */
export type { HardshipCase, HardshipFile } from './domain/types';
