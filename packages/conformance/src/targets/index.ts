// Every target of the matrix, in the order of its columns.

import { coreNode } from './core-node.ts';
import { fastifyTarget } from './fastify.ts';
import { nextProxyTarget, nextTarget } from './next.ts';
import { bunRoutesTarget, bunTarget, denoServeTarget, denoTarget } from './runtime-targets.ts';
import type { Target } from './target.ts';

export const targets: readonly Target[] = [
  coreNode,
  fastifyTarget,
  bunTarget,
  bunRoutesTarget,
  denoTarget,
  denoServeTarget,
  nextTarget,
  nextProxyTarget,
];
