// The core answers synchronously unless an origin function returns a promise, so callers (the
// Fetch glue and every adapter) tell the two apart with one check instead of always awaiting.

import type { MaybePromise } from './types.js';

/** Whether a `MaybePromise` result is the promise kind (any thenable). */
export function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<T>).then === 'function';
}

/** `next(value)`, now when `value` is there, or once it settles: one path for both verdicts. */
export function settle<T, U>(value: MaybePromise<T>, next: (settled: T) => MaybePromise<U>): MaybePromise<U> {
  return isThenable<T>(value) ? Promise.resolve(value).then(next) : next(value as T);
}
