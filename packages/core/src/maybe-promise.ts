// The core answers synchronously unless an origin function returns a promise, so callers (the
// Fetch glue and every adapter) tell the two apart with one check instead of always awaiting.

/** Whether a `MaybePromise` result is the promise kind (any thenable). */
export function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<T>).then === 'function';
}
