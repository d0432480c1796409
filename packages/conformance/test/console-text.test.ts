// Console lines in the declared form: the capture's prefix dropped, the run's URL and origins
// written as placeholders, and nothing else touched (a wrong word must still be a difference).

import { describe, expect, it } from 'vitest';
import { actionUrl, expandLine, normaliseLine, type RunPlaces } from '../src/harness/console-text.ts';

const places: RunPlaces = {
  url: 'http://127.0.0.1:4000/s/x/r/abc/echo',
  api: 'http://127.0.0.1:4000',
  origins: { page: 'http://localhost:5000', other: 'http://localhost:6000' },
};

describe('a captured console line', () => {
  it.each([
    {
      rule: "Chromium: the driver's [error] prefix goes, the URL and the page origin become placeholders",
      engine: 'chromium' as const,
      line: "[error] Access to fetch at 'http://127.0.0.1:4000/s/x/r/abc/echo' from origin 'http://localhost:5000' has been blocked",
      want: "Access to fetch at '$url' from origin '$page' has been blocked",
    },
    {
      rule: "WebKit: the CONSOLE source and level go, the other page's origin becomes $other",
      engine: 'webkit' as const,
      line: 'CONSOLE SECURITY ERROR Origin http://localhost:6000 is not allowed by Access-Control-Allow-Origin. Status code: 200',
      want: 'Origin $other is not allowed by Access-Control-Allow-Origin. Status code: 200',
    },
    {
      rule: 'another URL of the API keeps its path, its origin becomes $api',
      engine: 'firefox' as const,
      line: '[warn] at http://127.0.0.1:4000/s/x/r/other/echo.',
      want: 'at $api/s/x/r/other/echo.',
    },
    {
      rule: 'a prefix is dropped only at the start, and only once',
      engine: 'chromium' as const,
      line: '[error] [error] text',
      want: '[error] text',
    },
  ])('$rule', ({ engine, line, want }) => {
    expect(normaliseLine(engine, line, places)).toBe(want);
  });

  it('expands back to the run it came from', () => {
    const declared = "Access to fetch at '$url' from origin '$page'";
    expect(normaliseLine('chromium', `[error] ${expandLine(declared, places)}`, places)).toBe(declared);
  });
});

describe('the URL a page action asks for', () => {
  it.each([
    { action: { kind: 'fetch' } as const, want: 'echo' },
    { action: { kind: 'fetch', resource: 'status/404' } as const, want: 'status/404' },
    { action: { kind: 'form' } as const, want: 'write' },
    { action: { kind: 'api-page' } as const, want: 'page' },
    { action: { kind: 'image', crossOrigin: null } as const, want: 'image.png' },
  ])('$action.kind → $want', ({ action, want }) => {
    expect(actionUrl(action, 'http://127.0.0.1:4000/s/x/r/abc/')).toBe(`http://127.0.0.1:4000/s/x/r/abc/${want}`);
  });
});
