// Politeness: probes run one after another unless `concurrency` says otherwise, and requests
// start at least `delayMs` apart, whichever probe sends them.

import type { Transport } from './run-probe.js';

/** Resolves with every job's result, in the items' order, with at most `concurrency` running. */
export async function runPooled<T, R>(items: readonly T[], job: (item: T) => Promise<R>, concurrency: number): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `transport`, with each request starting at least `delayMs` after the one before. */
export function paced(transport: Transport, delayMs: number): Transport {
  if (delayMs <= 0) return transport;
  let turn: Promise<void> | undefined;
  return (request) => {
    const mine: Promise<void> = turn === undefined ? Promise.resolve() : turn.then(() => sleep(delayMs));
    turn = mine;
    return mine.then(() => transport(request));
  };
}
