// The performance and size targets, checked against one run's results. Each check reports the measured value,
// the limit and the margin; a target whose inputs were not measured (an adapter still pending,
// a section skipped) is reported as pending, never as met.

import { rpsRatio } from './http/run.mjs';
import { CORE_SIZE_BUDGET } from './size.mjs';

const KB = 1024;

function scenarioOf(micro, contender, id) {
  return micro?.contenders.find((c) => c.id === contender)?.scenarios.find((s) => s.scenario === id);
}

/** `value` must be at most `limit` (lower is better) or at least it (higher is better). */
function check(name, value, limit, { higherIsBetter = false, unit = 'x', format = (v) => v.toFixed(2) } = {}) {
  if (!Number.isFinite(value)) return { name, status: 'pending', detail: 'not measured in this run' };
  const met = higherIsBetter ? value >= limit : value <= limit;
  // Margin relative to the limit: positive is headroom, negative is how far off the target is.
  const margin = limit === 0 ? undefined : higherIsBetter ? value / limit - 1 : 1 - value / limit;
  const sign = margin >= 0 ? '+' : '';
  return {
    name,
    status: met ? 'met' : 'missed',
    value: `${format(value)}${unit}`,
    limit: `${higherIsBetter ? '>=' : '<='} ${format(limit)}${unit}`,
    margin: margin === undefined ? (met ? 'exact' : `${format(value - limit)}${unit} over`) : `${sign}${(margin * 100).toFixed(1)}%`,
  };
}

function microChecks(micro) {
  const out = [];
  const p = (id) => scenarioOf(micro, 'portcullis', id);
  out.push(check('Allowed simple GET vs bare handler', p('get')?.ratio, 1.15));
  out.push(check('No-Origin request vs bare handler', p('no-origin')?.ratio, 1.05));
  out.push(check('Allowed preflight vs bare handler', p('preflight')?.ratio, 0.6));

  // Every scenario a peer also runs: Portcullis wrapped around the peer's app without CORS
  // against the peer's own CORS layer in that app, both measured from the same baseline.
  if (micro !== undefined) {
    const losses = [];
    let compared = 0;
    for (const peer of micro.contenders.filter((c) => c.id !== 'portcullis')) {
      for (const s of peer.scenarios) {
        compared++;
        if (!(s.portcullisOverhead < s.overhead)) {
          losses.push(`${s.scenario} in ${peer.label}'s app (${fmtNs(s.portcullisOverhead)} vs ${fmtNs(s.overhead)})`);
        }
      }
    }
    out.push({
      name: "Every micro scenario's cost below each peer's (same app, same requests)",
      status: losses.length === 0 ? 'met' : 'missed',
      value: `${compared - losses.length}/${compared} comparisons won`,
      limit: `${compared}/${compared}`,
      margin: losses.length === 0 ? 'all' : `lost: ${losses.join('; ')}`,
    });
  }

  // The worst of every adversarial size, not only the largest: values under the parser's bounds
  // are parsed in full and cost the most.
  const adversarial = (micro?.contenders.find((c) => c.id === 'portcullis')?.scenarios ?? []).filter((s) =>
    s.scenario.startsWith('acrh-'),
  );
  const worst = adversarial.length === 0 ? Number.NaN : Math.max(...adversarial.map((s) => s.with));
  out.push(check('Adversarial preflights, worst of every ACRH size, per request', worst / 1000, 50, { unit: ' us' }));
  // Linear: growing the input k-fold may grow the time at most k-fold (here measured as the
  // largest time over the smallest, against the size ratio).
  for (const [group, small, large, factor] of [
    ['bytes', 'acrh-bytes-1024', 'acrh-bytes-65536', 64],
    ['names', 'acrh-names-10', 'acrh-names-1000', 100],
  ]) {
    const growth = (p(large)?.with ?? Number.NaN) / (p(small)?.with ?? Number.NaN);
    out.push(check(`Adversarial cost at most linear in ACRH ${group} (${factor}x the input)`, growth, factor));
  }
  const ratio = (a, b) => (p(a)?.with ?? Number.NaN) / (p(b)?.with ?? Number.NaN);
  out.push(check('1,000 exact origins vs 1 origin', ratio('origins-1000', 'origins-1'), 1.1));
  out.push(check('1,000 subdomain patterns vs 1 pattern', ratio('patterns-1000', 'patterns-1'), 1.1));
  out.push(check('Allowed simple GET, with an onRefusal listener vs without', ratio('get-listener', 'get'), 1.05));
  out.push(check('Allowed preflight, with an onRefusal listener vs without', ratio('preflight-listener', 'preflight'), 1.05));
  out.push(check('Allowed POST, protectWrites on vs off', ratio('post-protected', 'post-unprotected'), 1.03));
  return out;
}

function httpChecks(http) {
  const r = (a, b, kind) => (http === undefined ? Number.NaN : rpsRatio(http, a, b, kind));
  const higher = { higherIsBetter: true };
  // Preflights are answered by the CORS layer alone, so it must be faster than @fastify/cors;
  // where CORS is about 1 us of the request, it must not be slower and must stay near bare Fastify.
  const fastify = [
    ['allowed preflight', 'preflight', 1.05],
    ['refused preflight', 'preflight-refused', 1.05],
    ['allowed simple', 'simple', 1],
    ['no Origin', 'no-origin', 1],
  ].map(([label, kind, limit]) => check(`@portcullis/fastify vs @fastify/cors, ${label} (req/s)`, r('fastify-portcullis', 'fastify-cors', kind), limit, higher));
  for (const [label, kind] of [['allowed simple', 'simple'], ['no Origin', 'no-origin']]) {
    fastify.push(check(`@portcullis/fastify vs bare Fastify, ${label} (req/s)`, r('fastify-portcullis', 'fastify-bare', kind), 0.97, higher));
  }
  return [
    ...fastify,
    withReference(
      check('Node http + core vs bare, simple (req/s)', r('node-portcullis', 'node-bare', 'simple'), 0.97, { higherIsBetter: true }),
      r('node-headers', 'node-bare', 'simple'),
    ),
    withReference(
      check('Bun.serve + @portcullis/bun vs bare, simple (req/s)', r('bun-portcullis', 'bun-bare', 'simple'), 0.95, { higherIsBetter: true }),
      r('bun-headers', 'bun-bare', 'simple'),
    ),
    check('Express: @portcullis/node vs cors, preflight (req/s)', r('express-portcullis', 'express-cors', 'preflight'), 1.05, { higherIsBetter: true }),
    check('Express: @portcullis/node vs cors, simple (req/s)', r('express-portcullis', 'express-cors', 'simple'), 1, { higherIsBetter: true }),
    withReference(
      check('Express: @portcullis/node vs no CORS, simple (req/s)', r('express-portcullis', 'express-bare', 'simple'), 0.97, { higherIsBetter: true }),
      r('express-headers', 'express-bare', 'simple'),
    ),
    check('node:http: withCors vs the same headers set statically, simple (req/s)', r('node-http-portcullis', 'node-http-headers', 'simple'), 0.97, { higherIsBetter: true }),
  ];
}

/** Adds what the bare server does with the same headers set statically, to tell apart the
 * cost of deciding from the cost of sending three more headers. */
function withReference(result, staticRatio) {
  if (result.status === 'pending' || !Number.isFinite(staticRatio)) return result;
  return { ...result, margin: `${result.margin} (bare + the same headers set statically: ${staticRatio.toFixed(2)}x)` };
}

function bundleChecks(bundle) {
  const row = (id) => bundle?.rows.find((x) => x.id === id && x.pending === undefined);
  const kb = { unit: ' KB', format: (v) => v.toFixed(2) };
  return [
    // The budget of cors({ origin }).wrap(h), with every configuration check (see CORE_SIZE_BUDGET).
    check('@portcullis/core, cors({ origin }).wrap(h), min+gzip', (row('core-app')?.gzip ?? Number.NaN) / KB, (CORE_SIZE_BUDGET.code + CORE_SIZE_BUDGET.suffixList) / KB, kb),
    check('@portcullis/core, that app without the generated Public Suffix List, min+gzip', (bundle?.core?.code?.gzip ?? Number.NaN) / KB, CORE_SIZE_BUDGET.code / KB, kb),
    check('@portcullis/core, the per-request path of that app, min+gzip', (row('core-per-request')?.gzip ?? Number.NaN) / KB, CORE_SIZE_BUDGET.perRequest / KB, kb),
    check('@portcullis/core runtime dependencies', row('core')?.deps.total ?? Number.NaN, 0, { unit: '', format: String }),
    check('@portcullis/fastify own code min+gzip', (row('fastify')?.ownGzip ?? Number.NaN) / KB, 4, kb),
    check('@portcullis/bun own code min+gzip', (row('bun')?.ownGzip ?? Number.NaN) / KB, 1, kb),
    check('@portcullis/node own code min+gzip (Express, Connect, node:http)', (row('node')?.ownGzip ?? Number.NaN) / KB, 2, kb),
    check('@portcullis/node/koa own code min+gzip', (row('node-koa')?.ownGzip ?? Number.NaN) / KB, 2, kb),
  ];
}

export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return 'n/a';
  return Math.abs(ns) >= 1000 ? `${(ns / 1000).toFixed(2)} us` : `${Math.round(ns)} ns`;
}

export function evaluateTargets({ micro, http, bundle }) {
  return [...microChecks(micro), ...httpChecks(http), ...bundleChecks(bundle)];
}
