/** A wrong command line or option: exit status 2, one line, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** The server could not be asked (unreachable, timed out): exit status 2. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly exitCode = 2;
}
