// The main job as `npm start` runs it: node with tsx's loader, no package manager in between.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts src/main.ts and resolves once it printed its playground line. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, API_PORT: '0', PLAYGROUND_PORT: '0', OTHER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /^playground {2}(http:\/\/localhost:\d+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`exited before serving:\n${stdout}${stderr}`)));
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('the main job (npm start)', () => {
  it('serves the playground, names the three origins, and stops on Ctrl-C with status 0 and no error', async () => {
    const main = startMain({});
    const playground = await main.ready;
    const page = await fetch(playground);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('CORS playground');
    const { stdout } = main.output();
    expect(stdout).toMatch(/^API {9}http:\/\/127\.0\.0\.1:\d+ /m);
    expect(stdout).toMatch(/^other site {2}http:\/\/127\.0\.0\.1:\d+ /m);

    main.child.kill('SIGINT');
    expect(await main.exited).toEqual({ code: 0, signal: null });
    expect(main.output().stderr).toBe('');
  });

  it('says so and uses another port when the one asked for is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const main = startMain({ PLAYGROUND_PORT: String(taken) });
      const playground = await main.ready;
      expect(playground).not.toBe(`http://localhost:${taken}`);
      expect(main.output().stdout).toContain(`port ${taken} is taken, so the playground uses ${new URL(playground).port}`);
      main.child.kill('SIGTERM');
      expect((await main.exited).code).toBe(0);
    } finally {
      blocker.close();
    }
  });
});
