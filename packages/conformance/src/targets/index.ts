// Every target of the matrix, in the order of its columns; CONFORMANCE_TARGETS names a subset
// (for working on some targets; only a run of every target is published).

import { coreNode } from './core-node.ts';
import { fastifyTarget } from './fastify.ts';
import { nextProxyTarget, nextTarget } from './next.ts';
import { expressTarget, koaTarget, nodeHttpTarget } from './node-targets.ts';
import { bunRoutesTarget, bunTarget, denoServeTarget, denoTarget } from './runtime-targets.ts';
import type { Target } from './target.ts';
import { apacheTarget, caddyTarget, nginxTarget } from './web-servers.ts';

export const allTargets: readonly Target[] = [
  coreNode,
  fastifyTarget,
  expressTarget,
  koaTarget,
  nodeHttpTarget,
  bunTarget,
  bunRoutesTarget,
  denoTarget,
  denoServeTarget,
  nextTarget,
  nextProxyTarget,
  nginxTarget,
  apacheTarget,
  caddyTarget,
];

/** The targets of this run: all of them unless CONFORMANCE_TARGETS lists some by name. */
export function selectedTargets(value = process.env.CONFORMANCE_TARGETS): readonly Target[] {
  if (!value) return allTargets;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const known = allTargets.map((t) => t.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`CONFORMANCE_TARGETS: unknown target ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return allTargets.filter((t) => names.includes(t.name));
}

export const targets: readonly Target[] = selectedTargets();
