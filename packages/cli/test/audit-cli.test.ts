// `portcullis audit` on the command line, run in-process: exit status 0 / 1 / 2, one JSON
// document for CI, several URLs, --policy, and nothing from the server printed raw.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_HELP, MAIN_HELP } from '../src/cli.js';
import { main, type AuditReport } from '../src/index.js';
import { capture } from './support/io.js';
import { rawServer, start, type RawServer, type Running } from './support/servers.js';
import { CONTROLS, MISCONFIGURED, TRUSTED } from './support/zoo.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = capture();
  const code = await main(['audit', ...args], io);
  return { code, out: out(), err: err() };
}

let good: Running;
let nullTrusted: Running;
let subdomains: Running;
let publicApi: Running;
let closedUrl = '';
let hostile: RawServer;

beforeAll(async () => {
  [good, nullTrusted, subdomains, publicApi] = await Promise.all([
    CONTROLS.corsList(),
    MISCONFIGURED.nullInList(),
    MISCONFIGURED.anySubdomain(),
    CONTROLS.publicApi(),
  ]);
  const closed = await start(() => undefined);
  closedUrl = `${closed.url}/me`;
  await closed.close();
  // Reflects any Origin, with an ESC sequence, a C1 CSI and a bidi override in what it sends.
  hostile = await rawServer((request) => {
    const origin = /\r\norigin: ([^\r]*)/i.exec(request)?.[1] ?? '*';
    return [
      'HTTP/1.1 200 OK\x1b[2J',
      `access-control-allow-origin: ${origin}`,
      'access-control-allow-credentials: true',
      'cache-control: public\x9b2J, max-age=60\xe2\x80\xae',
      'connection: close',
      '',
      '',
    ].join('\r\n');
  });
});

afterAll(async () => {
  await Promise.all([good?.close(), nullTrusted?.close(), subdomains?.close(), publicApi?.close(), hostile?.close()]);
});

describe('exit status', () => {
  it.each([
    { rule: '0: a correctly configured server', server: () => good, flags: [], code: 0 },
    { rule: '1: a finding at or above medium, the default --fail-on', server: () => nullTrusted, flags: [], code: 1 },
    { rule: '0: info findings stay under the default --fail-on', server: () => subdomains, flags: [], code: 0 },
    { rule: '1: info findings with --fail-on info', server: () => subdomains, flags: ['--fail-on', 'info'], code: 1 },
    { rule: "0: a public API audited with --origin '*'", server: () => publicApi, flags: ['--origin', '*'], code: 0 },
  ])('$rule', async ({ server, flags, code }) => {
    const origin = flags.includes('--origin') ? [] : ['--origin', TRUSTED];
    const result = await cli([`${server().url}/me`, ...origin, ...flags]);
    expect(result.err).toBe('');
    expect(result.code).toBe(code);
  });

  it.each([
    { rule: 'no URL', args: ['--origin', TRUSTED], message: 'portcullis audit: the URL to audit is missing' },
    { rule: 'no trusted origin', args: ['https://api.myapp.es/'], message: 'portcullis audit: --origin is required' },
    { rule: 'a bad --fail-on', args: ['https://api.myapp.es/', '--origin', TRUSTED, '--fail-on', 'severe'], message: "--fail-on must be high, medium, low or info, not 'severe'" },
    { rule: 'a bad --max-requests', args: ['https://api.myapp.es/', '--origin', TRUSTED, '--max-requests', 'ten'], message: "--max-requests must be a whole number, not 'ten'" },
    { rule: 'an unknown flag', args: ['https://api.myapp.es/', '--origin', TRUSTED, '--credentials'], message: "unknown option '--credentials'" },
    { rule: 'a bad second URL, before anything is sent', args: ['https://api.myapp.es/', 'ftp://x/', '--origin', TRUSTED], message: "'ftp://x/' is not an http or https URL" },
  ])('2 and one line for a usage error: $rule', async ({ args, message }) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toHaveLength(2);
    expect(result.err).toContain(message);
  });

  it('2 and one line for an unreachable server, after the other URLs are reported', async () => {
    const result = await cli([`${good.url}/me`, closedUrl, '--origin', TRUSTED]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`portcullis audit: ${closedUrl}: cannot connect to ${new URL(closedUrl).host}: connection refused (is the server running?)\n`);
    expect(result.out).toContain(`portcullis audit ${good.url}/me`);
  });
});

describe('--json', () => {
  it('prints one document with every target, finding and probe', async () => {
    const result = await cli([`${nullTrusted.url}/me`, `${good.url}/me`, closedUrl, '--origin', TRUSTED, '--json']);
    const { targets } = JSON.parse(result.out) as { targets: (AuditReport | { url: string; error: string })[] };
    expect(targets.map((t) => t.url)).toEqual([`${nullTrusted.url}/me`, `${good.url}/me`, closedUrl]);
    const [bad, fine, unreachable] = targets as [AuditReport, AuditReport, { error: string }];
    expect(bad.findings.map((f) => [f.id, f.severity])).toEqual([['null-origin', 'high']]);
    expect(bad.findings[0]).toMatchObject({ evidence: ['null-origin'], proof: { request: { method: 'GET' }, response: { status: 200 } } });
    expect(bad.probes).toHaveLength(19);
    expect(bad.probes.reduce((n, p) => n + p.exchanges.length, 0)).toBe(bad.requests);
    expect(fine.findings).toEqual([]);
    expect(unreachable.error).toContain('connection refused');
    expect(result.code).toBe(2);
  });
});

describe('--policy', () => {
  it('trusts the policy file and shows it as the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-audit-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ origin: [TRUSTED], credentials: true, allowHeaders: ['content-type', 'x-user'] }));
    const result = await cli([`${nullTrusted.url}/me`, '--policy', file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("      cors({ origin: ['https://www.myapp.es'], credentials: true, allowHeaders: ['content-type', 'x-user'] })\n");
  });
});

describe('help', () => {
  it('lists audit in the main help and has its own', async () => {
    expect(MAIN_HELP).toContain('  audit <url>... --origin <origin>');
    const result = await cli(['--help']);
    expect(result).toEqual({ code: 0, out: AUDIT_HELP, err: '' });
  });
});

describe("nothing of the server's raw", () => {
  /** What a terminal would act on: every control but LF, and the invisible format characters. */
  const RAW = /[\0-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u;

  it.each([
    { output: 'text', flags: [] },
    { output: 'JSON', flags: ['--json'] },
  ])('in $output output', async ({ flags }) => {
    const result = await cli([`${hostile.url}/me`, '--origin', TRUSTED, ...flags]);
    expect(result.code).toBe(1);
    expect(result.out).not.toMatch(RAW);
    expect(result.out).toContain(flags.length === 0 ? 'public\\x9b2J, max-age=60' : 'public\\u009b2J, max-age=60');
  });
});
