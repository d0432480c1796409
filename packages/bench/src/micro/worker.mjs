// One round of micro-benchmarks for one contender, in a process of its own so that no other
// library's code shares its JIT state. Each scenario is measured without and with the CORS
// layer alternately (A B A B) so that both see the same machine load; the parent combines
// rounds. For a peer, Portcullis also wraps the peer's own app without CORS (A B C A B C): both
// layers are then measured against the same baseline, so their costs compare directly even
// where one of them skips the app's routing. Prints one JSON document on stdout.

import { measure } from 'mitata';
import { cors } from '@portcullis/core';
import { createCorsEngine } from '@portcullis/core/adapter';
import { browserVerdict } from '../browser-check.mjs';
import { contender } from '../contenders/index.mjs';
import { options } from '../contenders/portcullis.mjs';
import { ALLOWED_ORIGIN, POLICY, SCENARIOS, policyFor, toRequest } from '../scenarios.mjs';

const settings = JSON.parse(process.argv[2] ?? '{}');
const who = contender(settings.contender ?? 'portcullis');
const MEASURE = {
  min_cpu_time: (settings.minCpuTimeMs ?? 60) * 1e6,
  // Small batches: one call takes microseconds, and many short samples make a robust median.
  batch_samples: 128,
  min_samples: 12,
};

const WARMUP_CALLS = settings.warmupCalls ?? 2000;

/** Median time per call in nanoseconds (mitata's p50 of batched samples). */
async function time(fn) {
  const stats = await measure(fn, MEASURE);
  return stats.p50;
}

async function verdictOf(handler, s, request) {
  const response = await handler(request);
  return browserVerdict(s.method, s.headers, response);
}

const results = [];
const applicable = SCENARIOS.filter((s) => who.id === 'portcullis' || s.peers);
// Handlers are built per origin list; most scenarios share the default one.
const byPolicy = new Map();

for (const s of applicable) {
  const policy = policyFor(s);
  let handlers = byPolicy.get(policy);
  if (handlers === undefined) {
    handlers = who.create(policy);
    if (who.id !== 'portcullis') handlers.portcullis = cors(options(policy)).wrap(handlers.without);
    byPolicy.set(policy, handlers);
  }
  const request = toRequest(s);
  const variants = Object.keys(handlers);
  const check = {};
  for (const v of variants) check[v] = await verdictOf(handlers[v], s, request);
  // Let the JIT settle on every path before the first sample.
  for (let i = 0; i < WARMUP_CALLS; i++) for (const v of variants) await handlers[v](request);
  const sums = Object.fromEntries(variants.map((v) => [v, 0]));
  for (let pass = 0; pass < 2; pass++) {
    for (const v of variants) {
      const handler = handlers[v];
      sums[v] += await time(() => handler(request));
    }
  }
  const entry = { scenario: s.id, check };
  for (const v of variants) entry[v] = sums[v] / 2;
  results.push(entry);
}

// The low-level API alone, without any Request or Response.
const decide = [];
if (who.id === 'portcullis') {
  const engine = createCorsEngine(options(POLICY));
  const request = new Request('http://127.0.0.1/api');
  const cases = [
    ['no-origin', () => engine.decideActual(null, request)],
    ['get', () => engine.decideActual(ALLOWED_ORIGIN, request)],
    ['preflight', () => engine.decidePreflight(ALLOWED_ORIGIN, 'PUT', 'content-type,x-request-id', request)],
    ['preflight-refused', () => engine.decidePreflight('https://evil.example', 'PUT', 'content-type,x-request-id', request)],
  ];
  for (const [name, decide1] of cases) {
    decide.push({ scenario: name, ns: await time(decide1) });
  }
}

process.stdout.write(`${JSON.stringify({ contender: who.id, results, decide })}\n`);
