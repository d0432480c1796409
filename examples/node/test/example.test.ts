import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServers, type Running } from '../src/servers.js';

let running: Running;
beforeAll(async () => {
  running = await startServers();
});
afterAll(async () => {
  await running?.close();
});

describe('the example API, over real HTTP', () => {
  it('answers the front end origin’s preflight for the X-User header', async () => {
    const response = await fetch(`${running.api}/api/hello`, {
      method: 'OPTIONS',
      headers: {
        origin: running.frontEnd,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-user',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(running.frontEnd);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-user');
  });

  it('lets the front end read a credentialed GET and its exposed request id', async () => {
    const response = await fetch(`${running.api}/api/hello`, {
      headers: { origin: running.frontEnd, 'x-user': 'ada' },
    });
    expect(await response.json()).toEqual({ hello: 'ada' });
    expect(response.headers.get('access-control-allow-origin')).toBe(running.frontEnd);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('keeps CORS headers on 404s so the browser shows the real error', async () => {
    const response = await fetch(`${running.api}/nope`, { headers: { origin: running.frontEnd } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(running.frontEnd);
  });

  it('gives an unlisted origin nothing to read', async () => {
    const response = await fetch(`${running.api}/api/hello`, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });
});

describe('the main job (npm start)', () => {
  it('starts, proves a cross-origin call works, and stops', async () => {
    const { stdout } = await promisify(execFile)('pnpm', ['exec', 'tsx', 'src/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, API_PORT: '0', WEB_PORT: '0', EXIT_AFTER_CHECK: '1' },
      timeout: 25_000,
    });
    expect(stdout).toMatch(/preflight {2}204 allow-origin=http:\/\/localhost:\d+ allow-headers=content-type, x-user/);
    expect(stdout).toMatch(/GET {8}200 allow-origin=http:\/\/localhost:\d+ credentials=true body=\{"hello":"node"\}/);
  });
});

describe('the front end, in real Chromium', () => {
  it('reads the API’s answer across origins', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'portcullis-example-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      await page.goto(running.frontEnd);
      await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'calling...');
      const shown = JSON.parse((await page.textContent('#out')) ?? 'null') as {
        status: number;
        body: unknown;
        requestId: string | null;
      };
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({ hello: 'browser' });
      expect(shown.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
