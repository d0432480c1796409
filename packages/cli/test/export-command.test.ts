// `portcullis export` and `exportConfig`: what a web server cannot express is refused in one
// sentence with its fix, the command line is checked, and every snippet is accepted by the real
// server when included where its first line says.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorsConfigError } from '@portcullis/core';
import { describe, expect, it } from 'vitest';
import { WEB_SERVERS } from '../src/export/settings.js';
import { ExportError, exportConfig, main, type ExportErrorCode, type WebServer } from '../src/index.js';
import { README_POLICY } from './export/differential-cases.js';
import { snippetHost } from './support/snippet-hosts.js';
import { installed } from './support/web-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-export-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { status, stdout, stderr };
}

describe('exportConfig refuses what a web server cannot express', () => {
  const refused: { rule: string; options: unknown; code: ExportErrorCode; says: RegExp }[] = [
    { rule: 'an origin function', options: { origin: (o: string) => o === 'https://myapp.es' }, code: 'export.origin-function', says: /origin function .* list the origins/ },
    { rule: 'an async origin function', options: { origin: async () => true }, code: 'export.origin-function', says: /origin function/ },
    { rule: 'an onRefusal listener', options: { origin: 'https://myapp.es', onRefusal: () => undefined }, code: 'export.on-refusal', says: /onRefusal .* remove onRefusal/ },
    { rule: "onRefusal: 'log'", options: { origin: 'https://myapp.es', onRefusal: 'log' }, code: 'export.on-refusal', says: /onRefusal/ },
    { rule: 'a RegExp with a look-ahead', options: { origin: /^https:\/\/(?!admin)[a-z]+\.myapp\.es$/ }, code: 'export.regexp-syntax', says: /look-around .* origin patterns/ },
    { rule: "a RegExp with the 's' flag", options: { origin: /^https:\/\/myapp\.es$/s }, code: 'export.regexp-syntax', says: /flag 's'/ },
    { rule: "a method with '$'", options: { origin: 'https://myapp.es', allowMethods: ['X$Y'] }, code: 'export.unquotable-name', says: /'X\$Y', whose '\$'/ },
  ];
  it.each(refused)('refuses $rule', ({ options, code, says }) => {
    for (const server of WEB_SERVERS) {
      let error: unknown;
      try {
        exportConfig(server, options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).code).toBe(code);
      expect((error as ExportError).message).toMatch(says);
      expect((error as ExportError).message).toMatch(/ \(fix: .+\)$/);
    }
  });

  it("keeps the core's own problems and fixes", () => {
    expect(() => exportConfig('nginx', { origin: 'https://myapp.es/' })).toThrow(CorsConfigError);
  });

  it('leaves a RegExp with a back-reference to the core, which refuses it first (it cannot be checked for backtracking)', () => {
    let error: unknown;
    try {
      exportConfig('nginx', { origin: /^https:\/\/([a-z])\1\.myapp\.es$/ });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems.map((p) => p.code)).toEqual(['regexp.unchecked-syntax']);
  });

  const settings: { rule: string; standalone: { listen: string; upstream: string }; says: RegExp }[] = [
    { rule: 'a listen without a port', standalone: { listen: '127.0.0.1', upstream: 'http://127.0.0.1:3000' }, says: /listen '127.0.0.1' is not host:port/ },
    { rule: 'an upstream with a path', standalone: { listen: '127.0.0.1:8080', upstream: 'http://127.0.0.1:3000/api' }, says: /without a path .* http:\/\/127.0.0.1:3000/ },
    { rule: 'an upstream that is no URL', standalone: { listen: '127.0.0.1:8080', upstream: '127.0.0.1:3000' }, says: /is not a URL/ },
  ];
  it.each(settings)('refuses $rule', ({ standalone, says }) => {
    expect(() => exportConfig('caddy', { origin: 'https://myapp.es' }, { standalone })).toThrow(says);
  });
});

describe('portcullis export', () => {
  const wrong: { rule: string; args: () => string[]; says: string }[] = [
    { rule: 'no server', args: () => ['export', '--origin', 'https://myapp.es'], says: 'the web server is missing' },
    { rule: 'an unknown server', args: () => ['export', 'iis', '--origin', 'https://myapp.es'], says: "unknown web server 'iis': use nginx, apache, caddy" },
    { rule: 'no policy', args: () => ['export', 'nginx'], says: '--origin is required' },
    { rule: '--listen without --standalone', args: () => ['export', 'nginx', '--origin', 'https://myapp.es', '--listen', '127.0.0.1:8080'], says: 'add --standalone' },
    { rule: '--standalone without --upstream', args: () => ['export', 'apache', '--origin', 'https://myapp.es', '--standalone'], says: '--standalone needs --upstream' },
    { rule: 'an invalid origin flag', args: () => ['export', 'caddy', '--origin', 'https://myapp.es/'], says: "--origin #1: 'https://myapp.es/' ends with a slash" },
    {
      rule: 'a policy module with an origin function',
      args: () => ['export', 'nginx', '--policy', file('fn.mjs', "export default { origin: (o) => o.endsWith('.myapp.es') };")],
      says: 'an origin function runs JavaScript on every request, which a web server cannot (fix: list the origins',
    },
    { rule: 'a JSON policy with onRefusal', args: () => ['export', 'caddy', '--policy', file('log.json', '{"origin":"https://myapp.es","onRefusal":"log"}')], says: 'onRefusal calls JavaScript' },
  ];
  it.each(wrong)('refuses $rule in one line, exit status 2', async ({ args, says }) => {
    const result = await run(args());
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(says);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(WEB_SERVERS.map((s) => [s]))('prints the %s snippet of --policy, the same as exportConfig', async (server) => {
    const result = await run(['export', server, '--policy', file('readme.json', JSON.stringify(README_POLICY))]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(exportConfig(server, README_POLICY));
    expect(result.stdout.split('\n')[0]).toMatch(/^# Portcullis CORS for .*: (include|paste)/);
  });

  it('prints a complete configuration with --standalone, listening on 127.0.0.1:8080 by default', async () => {
    const result = await run(['export', 'nginx', '--origin', 'https://myapp.es', '--standalone', '--upstream', 'http://127.0.0.1:3000']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('listen 127.0.0.1:8080;');
    expect(result.stdout).toContain('proxy_pass http://127.0.0.1:3000;');
  });
});

/** The configuration a user writes around the snippet (support/snippet-hosts.ts), and the server's check of it. */
function hostConfig(server: WebServer, snippet: string, folder: string): string[] {
  const config = snippetHost(server, snippet, folder, { listen: '127.0.0.1:1', upstream: 'http://127.0.0.1:2' });
  const file = join(folder, server === 'caddy' ? 'Caddyfile' : server === 'nginx' ? 'nginx.conf' : 'httpd.conf');
  writeFileSync(file, config);
  if (server === 'nginx') return ['nginx', '-t', '-p', `${folder}/`, '-c', file];
  if (server === 'apache') return ['apache2', '-t', '-d', folder, '-f', file];
  return ['caddy', 'validate', '--adapter', 'caddyfile', '--config', file];
}

describe.each(WEB_SERVERS.map((s) => [s]))('the %s snippet', (server: WebServer) => {
  it('is accepted by the server when included where its first line says', () => {
    if (!installed(server)) throw new Error(`${server} is not installed: npm test installs it (packages/tooling/src/web-servers.mjs)`);
    const folder = join(dir, server);
    mkdirSync(folder, { recursive: true });
    const [command, ...args] = hostConfig(server, exportConfig(server, README_POLICY), folder);
    const result = spawnSync(command!, args, { encoding: 'utf8', env: { ...process.env, HOME: folder, XDG_DATA_HOME: folder, XDG_CONFIG_HOME: folder } });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});
