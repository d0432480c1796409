// The HTTP comparison. Servers compared with each other (one framework, with and without CORS)
// are started together and loaded in turn in short slices (A B C A B C ...), so the two numbers
// of a ratio are taken a second apart under the same machine load; only one server is loaded at
// a time, the others idle. Each round rotates the order. Reports per server the median
// requests/s over all slices, and ratios as the median of per-slice ratios.

import { browserVerdict } from '../browser-check.mjs';
import { median } from '../stats.mjs';
import { load } from './load.mjs';
import { startServer } from './server-process.mjs';
import { HTTP_TARGETS, kindsOf, TRAFFIC } from './targets.mjs';

/** Sends one request of each traffic kind and returns what a browser would conclude. */
export async function checkServer(port) {
  const out = {};
  for (const [kind, t] of Object.entries(TRAFFIC)) {
    const response = await fetch(`http://127.0.0.1:${port}/items`, { method: t.method, headers: t.headers });
    await response.arrayBuffer();
    out[kind] = { status: response.status, verdict: browserVerdict(t.method, t.headers, response) };
  }
  return out;
}

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

export async function runHttp({
  rounds = 3,
  slices = 2,
  seconds = 0.7,
  warmupSeconds = 0.5,
  connections = 16,
  groups: only,
  targets = HTTP_TARGETS.filter((t) => only === undefined || only.includes(t.group)),
  log = () => {},
} = {}) {
  const kinds = Object.keys(TRAFFIC);
  const samples = new Map(targets.map((t) => [t.id, { ...Object.fromEntries(kinds.map((k) => [k, []])), check: undefined, pending: undefined, error: undefined }]));
  const groups = [...new Set(targets.map((t) => t.group))];
  for (let round = 0; round < rounds; round++) {
    for (const group of rotate(groups, round)) {
      const members = rotate(
        targets.filter((t) => t.group === group && samples.get(t.id).pending === undefined && samples.get(t.id).error === undefined),
        round,
      );
      const running = [];
      try {
        for (const target of members) {
          const entry = samples.get(target.id);
          try {
            const server = await startServer(target);
            if (server.pending !== undefined) {
              entry.pending = server.pending;
              continue;
            }
            running.push({ target, entry, server });
            entry.check ??= await checkServer(server.port);
          } catch (error) {
            entry.error = error.message.split('\n')[0];
          }
        }
        for (const kind of kinds) {
          const loaded = running.filter(({ target }) => kindsOf(target).includes(kind));
          if (loaded.length === 0) continue;
          for (const { target, server } of loaded) {
            log(`http: round ${round + 1}/${rounds}, warming ${target.label} (${kind})`);
            if (warmupSeconds > 0) await load(server.port, TRAFFIC[kind], { seconds: warmupSeconds, connections });
          }
          log(`http: round ${round + 1}/${rounds}, ${group} (${kind}), ${slices} slices of ${seconds} s each`);
          for (let slice = 0; slice < slices; slice++) {
            for (const { entry, server } of rotate(loaded, slice)) {
              entry[kind].push(await load(server.port, TRAFFIC[kind], { seconds, connections }));
            }
          }
        }
      } finally {
        for (const { server } of running) await server.stop();
      }
    }
  }
  const results = targets.map((t) => {
    const e = samples.get(t.id);
    const summary = (kind) => ({
      rps: median(e[kind].map((s) => s.rps)),
      latencyP50: median(e[kind].map((s) => s.latencyP50)),
      errors: e[kind].reduce((n, s) => n + s.errors, 0),
      non2xx: e[kind].reduce((n, s) => n + s.non2xx, 0),
      runs: e[kind].map((s) => s.rps),
    });
    return { ...t, pending: e.pending, error: e.error, check: e.check, ...Object.fromEntries(kinds.map((k) => [k, summary(k)])) };
  });
  return { rounds, slices, seconds, warmupSeconds, connections, results };
}

/** The median of a/b requests/s over slices, both measured in the same slice. */
export function rpsRatio(http, a, b, kind) {
  const x = http.results.find((r) => r.id === a);
  const y = http.results.find((r) => r.id === b);
  if (!x || !y || x.pending || y.pending || x.error || y.error) return Number.NaN;
  const n = Math.min(x[kind].runs.length, y[kind].runs.length);
  const ratios = [];
  for (let i = 0; i < n; i++) ratios.push(x[kind].runs[i] / y[kind].runs[i]);
  return median(ratios);
}
