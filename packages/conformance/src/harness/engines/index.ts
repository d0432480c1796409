// The engines of every run, in the order of the matrix: all three unless CONFORMANCE_ENGINES
// names a subset (for working on one engine; the matrix then says which ran).

import type { EngineName } from '../../scenario-types.ts';
import { chromiumLauncher } from './chromium.ts';
import type { EngineLauncher } from './engine.ts';
import { firefoxLauncher } from './firefox.ts';
import { webkitLauncher } from './webkit.ts';

export const ALL_ENGINES: readonly EngineLauncher[] = [chromiumLauncher, firefoxLauncher, webkitLauncher];
export const ENGINE_NAMES: readonly EngineName[] = ALL_ENGINES.map((e) => e.engine);

export function selectedEngines(value = process.env.CONFORMANCE_ENGINES): readonly EngineLauncher[] {
  if (!value) return ALL_ENGINES;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !ENGINE_NAMES.includes(name as EngineName));
  if (unknown.length > 0) throw new Error(`CONFORMANCE_ENGINES: unknown engine ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')})`);
  return ALL_ENGINES.filter((e) => names.includes(e.engine));
}
