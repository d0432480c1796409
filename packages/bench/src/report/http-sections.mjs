// The HTTP sections of BENCHMARKS.md: requests per second of each server, and the Fastify table.

import { rpsRatio } from '../http/run.mjs';
import { kindsOf } from '../http/targets.mjs';
import { rps, table, x } from './format.mjs';

export function httpSection(http) {
  // node:http's withCors is compared with the same listener writing the same headers statically.
  const baseline = { fastify: 'fastify-bare', node: 'node-bare', bun: 'bun-bare', express: 'express-bare', 'node-http': 'node-http-headers' };
  // The same statistic as the target checks: the median of per-slice ratios.
  const ratio = (r, kind) => (r.id === baseline[r.group] ? '' : x(rpsRatio(http, r.id, baseline[r.group], kind)));
  const status = (r) =>
    r.pending ? `pending: ${r.pending}` : r.error ? `failed: ${r.error}` : `${r.check.simple.verdict} / ${r.check.preflight.verdict}`;
  return [
    '## HTTP (autocannon on 127.0.0.1)',
    '',
    `Each server runs in its own process; autocannon (${http.connections} connections, no pipelining)`,
    'runs in the parent. The servers of one framework (with and without CORS) are started together',
    `and, after a ${http.warmupSeconds} s warm-up each, loaded in turn in slices of ${http.seconds} s (only one loaded at a time),`,
    `${http.slices} slices per round and ${http.rounds} rounds, for simple traffic (GET with an allowed Origin) then`,
    'preflights (PUT, two headers). Requests/s are medians over slices; ratios are medians of per-slice',
    'ratios to the same framework without CORS. Bare servers answer OPTIONS with the plain handler so',
    'that preflight traffic has a baseline too. The "static CORS headers" servers return the bare',
    'response plus the three headers an allowed GET gets, with no CORS logic: the gap between them',
    'and bare is the price of sending those headers (and of the load generator, on the same cores,',
    'parsing them), which no CORS layer can avoid. The plain `node:http` rows (no Fetch objects) are',
    'compared with the static-headers listener, not with a bare one.',
    '',
    '![HTTP throughput](./bench-http.svg)',
    '',
    table(
      ['Server', 'Simple req/s', 'vs bare', 'Preflight req/s', 'vs bare', 'Browser verdict (simple / preflight)'],
      http.results.map((r) => {
        const measured = (kind) => !r.pending && !r.error && kindsOf(r).includes(kind);
        return [
          r.label,
          measured('simple') ? rps(r.simple.rps) : 'n/a',
          measured('simple') ? ratio(r, 'simple') : '',
          measured('preflight') ? rps(r.preflight.rps) : 'n/a',
          measured('preflight') ? ratio(r, 'preflight') : '',
          status(r),
        ];
      }),
    ),
  ];
}

/** Fastify's servers, loaded with every kind of traffic: each against bare Fastify and @fastify/cors. */
export function fastifySection(http) {
  const servers = http.results.filter((r) => r.group === 'fastify');
  const kinds = [
    ['simple', 'allowed simple GET'],
    ['no-origin', 'GET without Origin'],
    ['preflight', 'allowed preflight'],
    ['preflight-refused', 'refused preflight'],
  ];
  const ratio = (r, other, kind) => (r.id === other ? '' : x(rpsRatio(http, r.id, other, kind)));
  return [
    '### Fastify, every kind of request',
    '',
    'The same servers loaded with two more kinds of traffic: GET without `Origin`, and preflights from',
    'an origin the policy refuses. Ratios are medians of per-slice ratios, as above.',
    '',
    table(
      ['Server', 'Request', 'req/s', 'vs bare Fastify', 'vs @fastify/cors'],
      servers.flatMap((r) =>
        kinds.map(([kind, what]) => [
          r.label,
          what,
          r.pending || r.error || r[kind] === undefined ? 'n/a' : rps(r[kind].rps),
          ratio(r, 'fastify-bare', kind),
          ratio(r, 'fastify-cors', kind),
        ]),
      ),
    ),
  ];
}
