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

/** The AppError a use case was refused with (fails when it went through or threw something else). */
export async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal, but the call went through');
}
