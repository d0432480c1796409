// The web-server columns serve every scenario's own policy, as `portcullis export` writes it,
// except the documented difference: origin functions, which export refuses, are served with the
// origins each function accepts, the fix the refusal names, and nothing else changes.
import { ExportError, exportConfig } from '@portcullis/cli';
import { describe, expect, it } from 'vitest';
import { scenarioByName, scenarios } from '../src/scenarios.ts';
import { EXPORTED_INSTEAD, exportedRoutes } from '../src/targets/web-servers.ts';

const origins = { page: 'http://localhost:5173', other: 'http://localhost:5174' };

describe('the policies the web-server targets export', () => {
  it('are each scenario’s own, on its own path', () => {
    const routes = exportedRoutes(origins);
    expect(routes.map((r) => r.path)).toEqual(scenarios.map((s) => `/s/${s.name}/`));
    for (const [i, scenario] of scenarios.entries()) {
      if (!(scenario.name in EXPORTED_INSTEAD)) expect(routes[i]!.policy).toEqual(scenario.policy(origins));
    }
  });

  it.each(Object.keys(EXPORTED_INSTEAD).map((name) => [name]))('%s: export refuses its origin function; the list it accepts is served instead', async (name) => {
    const scenario = scenarioByName.get(name)!;
    const original = scenario.policy(origins);
    expect(typeof original.origin).toBe('function');
    let error: unknown;
    try {
      exportConfig('nginx', original);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('export.origin-function');
    const instead = EXPORTED_INSTEAD[name]!(origins);
    const { origin, ...rest } = original;
    expect({ ...instead, origin: undefined }).toEqual({ ...rest, origin: undefined });
    // The list allows exactly the origins the function accepts, of the two pages.
    const fn = origin as (o: string, r: unknown) => boolean | Promise<boolean>;
    for (const page of [origins.page, origins.other]) {
      expect([instead.origin].flat().includes(page)).toBe(await fn(page, undefined));
    }
  });
});
