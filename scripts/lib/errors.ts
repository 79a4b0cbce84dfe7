/**
 * A failure to start part of the local stack whose message says it all (one line, in Chinese):
 * the CLI prints the message without a stack trace.
 */
export class StackStartError extends Error {
  override readonly name = 'StackStartError';
}
