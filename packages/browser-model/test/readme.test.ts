// The README's example runs, and says what it claims.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as model from '../src/index.js';

const README = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');

describe('the README example', () => {
  it('runs against the source, and its comments are true', async () => {
    const [code] = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(code).toContain("from '@portcullis/browser-model';");
    // The block is plain JavaScript apart from its import: run it with the module injected,
    // returning its bindings to check the comments against.
    const body = code!.replace(/^import \{[^}]*\} from '@portcullis\/browser-model';\n/, '');
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    try {
      const run = new Function(
        'model',
        `const { ${Object.keys(model).join(', ')} } = model; return (async () => { ${body}; return { plan, preflight, response, verdict, call }; })();`,
      ) as (m: typeof model) => Promise<Record<string, unknown>>;
      const { plan, preflight, response, verdict, call } = (await run(model)) as {
        plan: model.RequestPlan;
        preflight: model.PreflightJudgement;
        response: model.ResponseJudgement;
        verdict: model.Verdict;
        call: model.FetchCall;
      };
      expect(plan.preflight?.headers.slice(0, 3)).toEqual([
        ['accept', '*/*'],
        ['access-control-request-method', 'PUT'],
        ['access-control-request-headers', 'authorization,content-type'],
      ]);
      expect(preflight.allowed).toBe(true);
      const standard = model.judgePreflight(model.planRequest({ ...call, engine: 'standard' }), {
        status: 204,
        headers: { 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': '*' },
      });
      expect(standard.allowed).toBe(false);
      expect(preflight.steps.find((s) => s.differs)?.differs).toContain('the Fetch Standard never lets * cover authorization');
      expect(response.readable).toEqual({ readable: [], hidden: ['access-control-allow-origin', 'x-id'] });
      expect(verdict.allowed).toBe(false);
      expect(printed.join('\n')).toContain('✘ the request header authorization is not allowed by Access-Control-Allow-Headers');
    } finally {
      log.mockRestore();
    }
  });
});
