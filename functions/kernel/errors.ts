import { errorEntry, KERNEL_ERRORS, type ErrorCode, type ErrorEntry } from './contracts/errors';

/**
 * A refusal the API explains to the member. Anything else that is thrown becomes a plain 500.
 *
 * The code's status and default message come from its catalogue (the kernel's, or its capability's
 * contracts/errors.ts), looked up when they are read: a capability's catalogue is loaded with its
 * contracts, which the kernel does not import. kernel/http.ts answers with the entry its endpoint
 * declares; an unknown code reads as INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, options: { message?: string; fields?: Record<string, string>; cause?: unknown } = {}) {
    // No own `message` unless one is given: AppError.prototype's getter gives the catalogue's.
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (options.fields) this.fields = options.fields;
  }

  /** The code's catalogue entry, if its catalogue is loaded. */
  get entry(): ErrorEntry | undefined {
    return errorEntry(this.code);
  }

  get status(): number {
    return this.entry?.status ?? KERNEL_ERRORS.INTERNAL.status;
  }
}

Object.defineProperty(AppError.prototype, 'message', {
  configurable: true,
  get(this: AppError): string {
    return this.entry?.message ?? KERNEL_ERRORS.INTERNAL.message;
  },
  // As on any Error, an assigned message is the error's own.
  set(this: AppError, message: string) {
    Object.defineProperty(this, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  },
});
