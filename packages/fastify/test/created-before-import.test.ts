// An application created before @portcullis/fastify was loaded (a CommonJS app that requires the
// plugin where it registers it, or a runner such as fastify-cli that creates the app first):
// the plugin cannot have seen the routes added before it loaded. It says so at start-up,
// without a logger, and their preflights get their scope's policy. Run on the built package,
// in a process of its own: this test file's import would otherwise have loaded it first.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/created-before-import.cjs', import.meta.url));

function run(order: string): { warnings: { name: string; message: string }[]; status: number; allowMethods: string | null } {
  return JSON.parse(execFileSync(process.execPath, [fixture, order], { encoding: 'utf8' })) as ReturnType<typeof run>;
}

describe('an application created before the plugin was imported', () => {
  test('routes added before the plugin loaded: a process warning says so, and their preflights get the policy of their scope', () => {
    const { warnings, status, allowMethods } = run('routes before the plugin');
    expect(warnings).toEqual([{ name: 'PortcullisWarning', message: expect.stringContaining('Import it before creating the application') }]);
    expect(status).toBe(204);
    expect(allowMethods).toBe('DELETE');
  });

  test('the plugin registered (and awaited) before any route: it sees them all, and says nothing', () => {
    const { warnings, status, allowMethods } = run('plugin first');
    expect(warnings).toEqual([]);
    expect(status).toBe(204);
    expect(allowMethods).toBe('DELETE');
  });
});
