// `portcullis audit` finds nothing on any generated configuration. nginx, Apache httpd and
// Caddy, each started once with one standalone configuration holding every policy of the
// differential table (one path prefix each) in front of a plain upstream, are audited for each
// policy, writes probed, as is the core applying the same policy on node:http (the reference);
// so is the README policy's snippet, included as its first line says in the configuration a
// user writes around it. Every front door must give the core's findings (those the row
// expects: none but where it says why) and the core's access for every probe, so that a
// configuration that lets too much through fails, and so does one that refuses too much
// (which no finding reports).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cors } from '@portcullis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_SERVERS } from '../src/export/settings.js';
import { audit, exportConfig, exportRoutes, type AuditClassId, type AuditOptions } from '../src/index.js';
import { POLICIES, README_POLICY } from './export/differential-cases.js';
import { start, toFetch, type Running } from './support/servers.js';
import { snippetHost } from './support/snippet-hosts.js';
import { startUpstream, upstreamHandler } from './support/upstream.js';
import { installed, startWebServer, type RunningWebServer } from './support/web-servers.js';

/** What the page does, and on which resource of the upstream (support/upstream.ts). */
const CALLS: readonly { readonly call: string; readonly resource: string; readonly options: Partial<AuditOptions> }[] = [
  { call: 'a GET', resource: 'x', options: {} },
  { call: 'a JSON PUT (preflighted)', resource: 'x', options: { method: 'PUT', headers: [['content-type', 'application/json']] } },
  { call: "a GET of the upstream's 500", resource: 'status/500', options: {} },
  { call: "a GET of the server's own 502 (the upstream hangs up)", resource: 'hang-up', options: {} },
  { call: 'a GET of an upstream that reflects any origin with credentials, cacheable, without Vary', resource: 'reflect-cors', options: {} },
  { call: "a GET with the user's cookie", resource: 'x', options: { headers: [['cookie', 'session=1']] } },
];
const WITH_COOKIE = CALLS.at(-1)!.call;

interface PolicyRow {
  /** A policy of the differential table, by name. */
  readonly policy: string;
  /** Trusted origins to audit with instead of the policy's, and why. */
  readonly origins?: { readonly list: readonly string[]; readonly why: string };
  /** Findings the core and every server must give for one call, and why; none for the other calls. */
  readonly expected?: { readonly call: string; readonly ids: readonly AuditClassId[]; readonly why: string };
}

const COOKIE_WRITES: PolicyRow['expected'] = {
  call: WITH_COOKIE,
  ids: ['cross-site-write'],
  why:
    "the user's cookie makes it a cookie-authenticated API, and a policy without credentials does not protect writes " +
    '(protectWrites is on with credentials only): a cross-site form POST reaches the API with the cookie, behind the core as behind every server',
};

/** Every policy of the differential table, the README's first, each with what its audit must say. */
const ROWS: readonly PolicyRow[] = [
  { policy: 'the README policy: exact origins, patterns and credentials' },
  { policy: 'an exact list without credentials, the default methods and headers', expected: COOKIE_WRITES },
  // A cookie makes the audit recommend credentials, which the core refuses beside '*': the yardstick stays the policy.
  { policy: "origin '*' with every method, header and exposed header" },
  { policy: 'credentials with wildcard methods and headers, reflected' },
  { policy: 'explainRefusals off, write protection on without credentials' },
  {
    policy: "a RegExp origin, allowHeaders ['*', 'authorization'], a 200 preflight with Cache-Control",
    origins: {
      list: ['https://admin.myapp.es'],
      why: 'the audit derives no attacker origin from a RegExp: given one origin it trusts, it probes the mistakes around it',
    },
    expected: COOKIE_WRITES,
  },
  { policy: 'nothing but the safelisted methods and no request header' },
];

const names = Object.keys(POLICIES);
const prefixOf = (policy: string) => `/p${names.indexOf(policy)}/`;
const README = names.find((name) => POLICIES[name] === README_POLICY)!;

let upstream: Running;
let core: Running;
/** The front doors: `nginx` runs the standalone configuration, `nginx snippet` the README policy's snippet. */
const servers = new Map<string, RunningWebServer>();
const snippetFolder = mkdtempSync(join(tmpdir(), 'portcullis-snippets-'));
const started = performance.now();
let audits = 0;
let requests = 0;

beforeAll(async () => {
  upstream = await startUpstream();
  const handlers = new Map(names.map((name) => [prefixOf(name), cors(POLICIES[name]!).wrap(upstreamHandler)]));
  const notFound = () => new Response(null, { status: 404 });
  core = await start((req, res) => void toFetch(req, res, handlers.get(`/${(req.url ?? '/').split('/')[1]}/`) ?? notFound));
  const routes = names.map((name) => ({ path: prefixOf(name), policy: POLICIES[name] }));
  await Promise.all(
    WEB_SERVERS.flatMap((server) => {
      if (!installed(server)) throw new Error(`${server} is not installed: npm test installs it (packages/tooling/src/web-servers.mjs)`);
      const folder = join(snippetFolder, server);
      mkdirSync(folder);
      const snippet = exportConfig(server, README_POLICY);
      return [
        startWebServer(server, (listen) => exportRoutes(server, routes, { listen, upstream: upstream.url })).then((s) => servers.set(server, s)),
        startWebServer(server, (listen) => snippetHost(server, snippet, folder, { listen, upstream: upstream.url })).then((s) => servers.set(`${server} snippet`, s)),
      ];
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
  await core?.close();
  await upstream?.close();
  rmSync(snippetFolder, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`export audit: ${seconds} s for ${audits} audits, ${requests} requests (${ROWS.length} policies x ${CALLS.length} calls x the core and ${servers.size} front doors)`);
});

/** What the audit says of one front door: its findings, and what each probe's page gets with and without credentials. */
async function audited(base: string, row: PolicyRow, resource: string, call: Partial<AuditOptions>) {
  const options: AuditOptions = { policy: POLICIES[row.policy], origins: row.origins?.list, probeWrites: true, maxRequests: 200, concurrency: 4, ...call };
  const report = await audit(`${base}${prefixOf(row.policy)}${resource}`, options);
  audits += 1;
  requests += report.requests;
  return {
    findings: report.findings.map((f) => `${f.id} (${f.severity}): ${f.title}`),
    access: Object.fromEntries(report.probes.map((p) => [p.id, `${p.withCredentials}/${p.withoutCredentials}${p.error === undefined ? '' : ` (${p.error})`}`])),
  };
}

it('audits every policy of the differential table', () => {
  expect(ROWS.map((row) => row.policy)).toEqual(names);
});

describe.concurrent.each(CALLS)('portcullis audit of $call on every generated configuration', ({ call, resource, options }) => {
  it.for(ROWS.map((row) => [row.policy, row] as const))('%s', async ([, row], { expect }) => {
    const reference = await audited(core.url, row, resource, options);
    const expected = row.expected?.call === call ? row.expected : undefined;
    expect(reference.findings.map((f) => f.split(' ')[0]), `the core itself${expected ? `: ${expected.why}` : ''}`).toEqual(expected?.ids ?? []);
    const fronts = [...WEB_SERVERS, ...(row.policy === README ? WEB_SERVERS.map((s) => `${s} snippet`) : [])];
    const answers = await Promise.all(fronts.map(async (front) => [front, await audited(servers.get(front)!.url, row, resource, options)] as const));
    for (const [front, got] of answers) {
      expect(got.findings, `${front}'s findings`).toEqual(reference.findings);
      expect(got.access, `${front}: what each probe's page gets`).toEqual(reference.access);
    }
  });
});
