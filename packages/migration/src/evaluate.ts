// The guide's code is what the tests run: each configuration is kept as the text the guide
// shows, and evaluated here with the names it uses in scope.

/** Evaluates the JavaScript expression `text` with `scope`'s names bound to its values. */
export function evaluate(text: string, scope: Readonly<Record<string, unknown>>): unknown {
  const names = Object.keys(scope);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function(...names, `'use strict';\nreturn (${text});`) as (...values: unknown[]) => unknown;
  return run(...names.map((name) => scope[name]));
}
