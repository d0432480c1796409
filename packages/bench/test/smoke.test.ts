// Each benchmark scenario, run once: every contender must do the CORS work it is credited with
// (the comparison is only fair if the answers are equivalent), every HTTP server must start,
// answer and stop, and the report pieces must render. No timing is asserted.

import { cors } from '@portcullis/core';
import { describe, expect, it } from 'vitest';
import { browserVerdict } from '../src/browser-check.mjs';
import { runBundle } from '../src/bundle.mjs';
import { CONTENDERS } from '../src/contenders/index.mjs';
import { options } from '../src/contenders/portcullis.mjs';
import { checkServer } from '../src/http/run.mjs';
import { startServer } from '../src/http/server-process.mjs';
import { HTTP_TARGETS } from '../src/http/targets.mjs';
import { barChart } from '../src/report/chart.mjs';
import { POLICY, SCENARIOS, policyFor, toRequest } from '../src/scenarios.mjs';
import { evaluateTargets } from '../src/targets.mjs';

describe.each(CONTENDERS.map((c) => [c.label, c] as const))('micro scenarios: %s', (_label, contender) => {
  const scenarios = SCENARIOS.filter((s) => contender.id === 'portcullis' || s.peers);

  it.each(scenarios.map((s) => [s.label, s] as const))('%s', async (_name, s) => {
    const handlers = contender.create(policyFor(s));
    const request = toRequest(s);
    const without = await handlers.without(request);
    const withCors = await handlers.with(request);
    // @whatwg-node/server answers preflights with its own Response class, hence no instanceof.
    for (const response of [without, withCors]) {
      expect(typeof response.status).toBe('number');
      expect(typeof response.headers.get).toBe('function');
    }
    // Without the layer nothing grants access; with it, a browser concludes what it should.
    expect(['not-cors', 'refused']).toContain(browserVerdict(s.method, s.headers, without));
    if (s.expect !== 'any') expect(browserVerdict(s.method, s.headers, withCors)).toBe(s.expect);
    if (contender.id !== 'portcullis' && s.expect !== 'any') {
      // Portcullis wrapped around the peer's app without CORS, as the worker measures it.
      const around = await cors(options(policyFor(s))).wrap(handlers.without)(request);
      expect(browserVerdict(s.method, s.headers, around)).toBe(s.expect);
    }
  });
});

describe('Portcullis refuses oversized Access-Control-Request-Headers', () => {
  const contender = CONTENDERS.find((c) => c.id === 'portcullis')!;
  it.each(['acrh-bytes-16384', 'acrh-bytes-65536', 'acrh-names-1000'])('%s', async (id) => {
    const s = SCENARIOS.find((x) => x.id === id)!;
    const response = await contender.create(policyFor(s)).with(toRequest(s));
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('HTTP servers', () => {
  it.each(HTTP_TARGETS.map((t) => [t.label, t] as const))('%s starts, answers and stops', async (_label, target, ctx) => {
    const server = await startServer(target);
    if ('pending' in server && server.pending !== undefined) {
      ctx.skip(`pending: ${server.pending}`);
      return;
    }
    try {
      const check = await checkServer(server.port);
      // 'headers' servers set an allowed GET's headers statically and know nothing of preflights.
      const expected = target.variant === 'bare' ? 'refused' : 'allowed';
      expect(check.simple.verdict).toBe(expected);
      expect(check.preflight.verdict).toBe(target.variant === 'headers' ? 'refused' : expected);
      expect(check.simple.status).toBe(200);
      // Every server is checked on every kind; the Fastify rows also load these two.
      expect(check['no-origin'].verdict).toBe('not-cors');
      expect(check['preflight-refused'].verdict).toBe('refused');
    } finally {
      await server.stop();
    }
  });
});

describe('bundle sizes', () => {
  it('measures the core and every peer', async () => {
    const { rows, core } = await runBundle();
    for (const id of ['core', 'hono', 'itty', 'whatwg', 'fastify-cors', 'express-cors']) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.pending).toBeUndefined();
      expect(row.gzip).toBeGreaterThan(0);
      expect(row.gzip).toBeLessThan(row.min);
    }
    expect(rows.find((r) => r.id === 'core')!.deps.total).toBe(0);
    expect(core.modules.reduce((sum, m) => sum + m.bytes, 0)).toBeLessThanOrEqual(core.total);
  });
});

describe('report pieces', () => {
  it('reports every target as pending when nothing was measured', () => {
    const targets = evaluateTargets({ micro: undefined, http: undefined, bundle: undefined });
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) expect(t.status).toBe('pending');
  });

  it('draws a chart with one bar per value', () => {
    const svg = barChart({
      title: 'a < b',
      series: ['one', 'two'],
      groups: [{ label: 'g', values: [1, Number.NaN], texts: ['1', 'pending'] }],
      format: String,
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &lt; b');
    expect(svg.match(/<rect /g)?.length).toBe(1 + 2 + 1); // background, legend, one bar
  });

  it('uses one policy for every contender', () => {
    expect(POLICY.origins).toEqual(['https://app.example']);
  });
});
