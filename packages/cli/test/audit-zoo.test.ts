// The zoo: each misconfigured server gives exactly the classes it has, and every correctly
// configured one (the Portcullis examples among them) gives none. Real servers on loopback,
// real libraries where the mistake comes from one.
import { describe, expect, it } from 'vitest';
import { audit, type AuditClassId, type AuditOptions } from '../src/index.js';
import { CLASS_IDS } from '../src/audit/classes.js';
import {
  startBunExample,
  startDenoExample,
  startFastifyExample,
  startHonoRecipe,
  startIttyRecipe,
  startNodeExample,
  startNodeHttpRecipe,
  startWhatwgRecipe,
} from './support/examples.js';
import type { Running } from './support/servers.js';
import { CONTROLS, MISCONFIGURED, TRUSTED } from './support/zoo.js';

interface Row {
  readonly server: string;
  readonly start: () => Promise<Running>;
  readonly path?: string;
  readonly options?: AuditOptions;
  readonly expected: readonly AuditClassId[];
}

const trusted: AuditOptions = { origins: [TRUSTED] };
const MYAPP = ['https://myapp.es', 'https://*.myapp.es'];

const MISCONFIGURED_ROWS: Row[] = [
  { server: 'cors origin: true, credentials (Express 5)', start: MISCONFIGURED.corsOriginTrue, expected: ['reflect-any-credentials', 'preflight-permissive'] },
  { server: "cors origin: /myapp\\.es$/ (the cors README's example)", start: MISCONFIGURED.corsRegExpFromReadme, expected: ['suffix-match'] },
  { server: 'a reflect without Vary behind Cache-Control: public', start: MISCONFIGURED.reflectCachedWithoutVary, expected: ['reflect-any', 'missing-vary'] },
  { server: "origin.startsWith('https://www.myapp.es')", start: MISCONFIGURED.startsWith, expected: ['prefix-match'] },
  { server: "origin.endsWith('myapp.es')", start: MISCONFIGURED.endsWith, expected: ['suffix-match'] },
  { server: "origin.includes('myapp.es')", start: MISCONFIGURED.includes, expected: ['substring-match'] },
  { server: '/^https:\\/\\/www.myapp.es$/ (an unescaped dot)', start: MISCONFIGURED.unescapedRegExp, expected: ['unescaped-dot'] },
  { server: '/^https:\\/\\/([a-z0-9-]+\\.)*myapp\\.es/ (no $)', start: MISCONFIGURED.unanchoredRegExp, expected: ['unanchored-regex'] },
  { server: 'the host read with /^https:\\/\\/([a-z0-9.-]+)/', start: MISCONFIGURED.hostParser, expected: ['special-char-bypass'] },
  { server: "'null' in the list", start: MISCONFIGURED.nullInList, expected: ['null-origin'] },
  { server: "'http://www.myapp.es' in the list", start: MISCONFIGURED.httpTrusted, expected: ['http-origin-credentials'] },
  { server: '*.github.io trusted', start: MISCONFIGURED.githubPages, expected: ['third-party-origin'] },
  { server: 'cors with a RegExp for every subdomain, credentials', start: MISCONFIGURED.anySubdomain, expected: ['subdomain-credentials'] },
  { server: '* with Access-Control-Allow-Credentials: true', start: MISCONFIGURED.wildcardWithCredentials, expected: ['reflect-any', 'wildcard-credentials'] },
  { server: 'two origins in Access-Control-Allow-Origin', start: MISCONFIGURED.twoOrigins, expected: ['invalid-acao'] },
  { server: 'a preflight that echoes everything', start: MISCONFIGURED.echoingPreflight, expected: ['preflight-permissive'] },
  {
    server: 'a credentialed API without write protection',
    start: MISCONFIGURED.unprotectedWrites,
    options: { ...trusted, probeWrites: true },
    expected: ['cross-site-write'],
  },
];

const CONTROL_ROWS: Row[] = [
  { server: 'cors with a list, credentials and its headers (Express 5)', start: CONTROLS.corsList, expected: [] },
  { server: 'one origin as a constant header', start: CONTROLS.constantOrigin, expected: [] },
  { server: 'a public API (*), audited with origin *', start: CONTROLS.publicApi, options: { policy: { origin: '*' } }, expected: [] },
  { server: 'examples/recipes: core on node:http', start: startNodeHttpRecipe, path: '/api/items', options: { origins: MYAPP, probeWrites: true }, expected: [] },
  { server: 'examples/recipes: core on @whatwg-node/server', start: startWhatwgRecipe, path: '/api/items', options: { origins: MYAPP, probeWrites: true }, expected: [] },
  { server: 'examples/recipes: core around a Hono app', start: startHonoRecipe, path: '/api/items', options: { origins: MYAPP, probeWrites: true }, expected: [] },
  { server: 'examples/recipes: core in itty-router (intercept and apply)', start: startIttyRecipe, path: '/api/items', options: { origins: MYAPP, probeWrites: true }, expected: [] },
  {
    server: 'examples/node: the playground API (core)',
    start: startNodeExample,
    path: '/api/me',
    options: { origins: [...MYAPP, 'http://localhost:*'], probeWrites: true },
    expected: [],
  },
  { server: 'examples/fastify: /me', start: startFastifyExample, path: '/me', options: { origins: MYAPP, probeWrites: true }, expected: [] },
  { server: 'examples/fastify: /status (origin *)', start: startFastifyExample, path: '/status', options: { policy: { origin: '*' } }, expected: [] },
  {
    server: 'examples/fastify: a JSON PUT to the partner API',
    start: startFastifyExample,
    path: '/partners/orders/7',
    options: {
      policy: { origin: 'https://partner.example', allowHeaders: ['content-type', 'x-api-key'] },
      method: 'PUT',
      headers: [['content-type', 'application/json']],
    },
    expected: [],
  },
  {
    server: 'examples/bun (Bun.serve routes)',
    start: startBunExample,
    path: '/api/items/1',
    options: { origins: ['https://myapp.es', 'http://localhost:*'], probeWrites: true },
    expected: [],
  },
  { server: 'examples/deno (deno serve)', start: startDenoExample, path: '/api/hello', options: { origins: MYAPP, probeWrites: true }, expected: [] },
];

async function classesFound(row: Row): Promise<AuditClassId[]> {
  const server = await row.start();
  try {
    const report = await audit(`${server.url.replace(/\/$/, '')}${row.path ?? '/me'}`, row.options ?? trusted);
    expect(report.probes.every((p) => p.error === undefined)).toBe(true);
    return report.findings.map((f) => f.id).sort();
  } finally {
    await server.close();
  }
}

describe('portcullis audit on the zoo', () => {
  it.each(MISCONFIGURED_ROWS)('$server: exactly $expected', async (row) => {
    expect(await classesFound(row)).toEqual([...row.expected].sort());
  });

  it('covers every class with a server that has it', () => {
    const covered = new Set(MISCONFIGURED_ROWS.flatMap((r) => r.expected));
    expect(CLASS_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('portcullis audit on correctly configured servers: no finding', () => {
  it.each(CONTROL_ROWS)('$server', async (row) => {
    expect(await classesFound(row)).toEqual([]);
  });
});
