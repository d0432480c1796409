// Starting and stopping one benchmark server in its own process (Node or the npm-installed Bun),
// listening on 127.0.0.1 on a free port.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVERS = fileURLToPath(new URL('./servers/', import.meta.url));
const require = createRequire(import.meta.url);

/** The bun executable from the `bun` npm package (its postinstall links the platform binary). */
export function bunExecutable() {
  return join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');
}

function command(target) {
  const script = join(SERVERS, target.script);
  return target.runtime === 'bun' ? [bunExecutable(), [script, target.variant]] : [process.execPath, [script, target.variant]];
}

/**
 * Starts the server; resolves to { port, stop } or { pending } when the adapter it needs is
 * not usable yet. Rejects if it does not announce itself within `timeoutMs`.
 */
export function startServer(target, { timeoutMs = 20_000 } = {}) {
  const [file, args] = command(target);
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${target.id} did not start in ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const message = JSON.parse(buffer.slice(0, newline));
      if (message.pending !== undefined) {
        stop().then(() => resolve({ pending: message.pending }));
      } else {
        resolve({ port: message.port, stop });
      }
    });
    // 'close' comes after stdout is drained, so an announced `pending` is read first.
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${target.id} exited with ${code} before listening: ${stderr.trim().slice(0, 2000)}`));
    });
  });
}
