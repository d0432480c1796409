// The machine and the versions a run used, for the report's header.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { bunExecutable } from './http/server-process.mjs';
import { readManifest } from './manifest.mjs';

const PACKAGES = [
  '@portcullis/core',
  '@portcullis/fastify',
  '@portcullis/bun',
  '@portcullis/node',
  'hono',
  'itty-router',
  '@whatwg-node/server',
  'fastify',
  '@fastify/cors',
  'express',
  'cors',
  'autocannon',
  'mitata',
  'esbuild',
];

function version(pkg) {
  return readManifest(pkg)?.manifest.version ?? 'not installed';
}

function bunVersion() {
  try {
    return execFileSync(bunExecutable(), ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'not usable';
  }
}

export function environment() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(', '),
    node: process.version,
    bun: bunVersion(),
    packages: Object.fromEntries(PACKAGES.map((p) => [p, version(p)])),
  };
}
