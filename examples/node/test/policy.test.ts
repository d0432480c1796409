// The editor starts from the policy in api.ts, and reads core's problems in either shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/playground/default-policy.js';
import { locate } from '../src/playground/live-policy.js';

/** The object literal passed to `cors(` in a source file. */
function corsArgument(source: string): string {
  const start = source.indexOf('cors({') + 'cors('.length;
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error('no cors({...}) call');
}

describe('the editor’s starting policy', () => {
  it('is the policy written in src/api.ts', () => {
    const source = readFileSync(join(import.meta.dirname, '../src/api.ts'), 'utf8');
    const options: unknown = new Function(`return (${corsArgument(source)});`)();
    expect(defaultPolicy).toEqual(options);
  });
});

describe('locating a configuration problem', () => {
  it.each([
    { rule: 'a string path with an index (today’s core)', path: 'origin[0]', text: 'origin[0]', segments: ['origin', 0] },
    { rule: 'a string path naming an option', path: 'allowedHeaders', text: 'allowedHeaders', segments: ['allowedHeaders'] },
    { rule: 'an array of segments (the next core)', path: ['origin', 2], text: 'origin[2]', segments: ['origin', 2] },
    { rule: 'an array naming an option', path: ['maxAge'], text: 'maxAge', segments: ['maxAge'] },
    { rule: 'nested segments', path: ['a', 'b', 1], text: 'a.b[1]', segments: ['a', 'b', 1] },
  ])('reads $rule', ({ path, text, segments }) => {
    expect(locate(path)).toEqual({ path: text, segments });
  });
});
