/** What a refused submission tells a form: the server's Chinese message and its per-field messages. */
export interface SubmitRefusal {
  message: string;
  fields?: Record<string, string>;
}

/**
 * The refusal carried by whatever a submission rejected with (an ApiError from request.ts, or any
 * error with a message), or `fallback` when it says nothing a member can act on.
 */
export function refusalOf(error: unknown, fallback: string): SubmitRefusal {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    const { message, fields } = error as { message: string; fields?: Record<string, string> };
    return { message: message || fallback, fields };
  }
  return { message: fallback };
}
