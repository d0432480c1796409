// CPU profile of Portcullis's hot paths, taken with the V8 sampling profiler through
// node:inspector (what `node --cpu-prof` records), and reduced to the functions with the most
// self time. It explains where a wrapped request spends the time a target allows it.
// Run on its own: node src/profile.mjs [scenario-id ...] [--ms=1500]

import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { cors } from '@portcullis/core';
import { options } from './contenders/portcullis.mjs';
import { SCENARIOS, bareHandler, policyFor, toRequest } from './scenarios.mjs';

/** Which part of the stack a profiled function belongs to, from its script URL. */
function area(url) {
  if (url.includes('/core/dist/') || url.includes('/core/src/')) return 'portcullis';
  if (url.includes('node:internal/deps/undici') || url.includes('undici')) return 'undici (Request/Response/Headers)';
  if (url.startsWith('node:')) return 'node internals';
  if (url === '') return 'V8 (GC, natives)';
  return 'benchmark loop';
}

function summarize(profile, top) {
  const self = new Map();
  const byArea = new Map();
  const interval = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let total = 0;
  for (const [id, hits] of counts) {
    const { callFrame } = interval.get(id);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    total += hits;
    const where = callFrame.url === '' ? '' : `${callFrame.url.split('/').slice(-1)[0]}:${callFrame.lineNumber + 1}`;
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + hits);
    const a = callFrame.functionName === '(garbage collector)' ? 'V8 (GC, natives)' : area(callFrame.url);
    byArea.set(a, (byArea.get(a) ?? 0) + hits);
  }
  const share = (hits) => Math.round((hits / total) * 1000) / 10;
  return {
    samples: total,
    areas: [...byArea].sort((a, b) => b[1] - a[1]).map(([name, hits]) => ({ name, percent: share(hits) })),
    functions: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: share(hits) })),
  };
}

/** Profiles the wrapped handler on each scenario for `ms` milliseconds. */
export async function profileScenarios(ids, { ms = 1500, top = 12 } = {}) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  const out = [];
  for (const id of ids) {
    const s = SCENARIOS.find((x) => x.id === id);
    const handler = cors(options(policyFor(s))).wrap(bareHandler);
    const request = toRequest(s);
    for (let i = 0; i < 20000; i++) handler(request); // warm up before sampling
    await session.post('Profiler.start');
    const end = performance.now() + ms;
    let calls = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 1000; i++) handler(request);
      calls += 1000;
    }
    const { profile } = await session.post('Profiler.stop');
    out.push({ scenario: id, label: s.label, calls, ...summarize(profile, top) });
  }
  session.disconnect();
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const msArg = args.find((a) => a.startsWith('--ms='));
  const ids = args.filter((a) => !a.startsWith('--'));
  const result = await profileScenarios(ids.length > 0 ? ids : ['no-origin', 'get', 'preflight'], {
    ms: msArg === undefined ? 1500 : Number(msArg.slice(5)),
  });
  for (const p of result) {
    console.log(`\n${p.label}: ${p.samples} samples`);
    for (const a of p.areas) console.log(`  ${String(a.percent).padStart(5)}%  ${a.name}`);
    console.log('  top self time:');
    for (const f of p.functions) console.log(`  ${String(f.percent).padStart(5)}%  ${f.name}`);
  }
}
