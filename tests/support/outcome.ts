import { AppError } from '../../functions/kernel/errors';

/** The refusal code a use case ended with, or `success` when it went through. Other errors propagate. */
export async function outcomeOf(promise: Promise<unknown>, success = 'accepted'): Promise<string> {
  try {
    await promise;
    return success;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
