// Port blocking (https://fetch.spec.whatwg.org/#port-blocking): a fetch, or a redirect, to one
// of the standard's bad ports is a network error before anything is sent.
import { describe, expect, it } from 'vitest';
import { badPort, BAD_PORTS, judgeResponse, simulateFetch, type OutgoingRequest } from '../src/index.js';
import { PAGE, plan } from './helpers.js';

describe('a bad port is one of the standard list, written in an http(s) URL', () => {
  it.each([
    { url: 'http://127.0.0.1:6665/', bad: 6665 },
    { url: 'https://api.example:10080/x', bad: 10080 },
    { url: 'http://localhost:25/', bad: 25 },
    { url: 'http://localhost:0/', bad: 0 },
    { url: 'https://api.example:6697/', bad: 6697 },
    { url: 'https://api.example:4190/', bad: 4190 },
    { url: 'https://api.example/', bad: undefined },
    { url: 'http://api.example:80/', bad: undefined },
    { url: 'https://api.example:8443/', bad: undefined },
    { url: 'http://127.0.0.1:3000/', bad: undefined },
    { url: 'http://127.0.0.1:6664/', bad: undefined },
    { url: 'ftp://files.example:6665/', bad: undefined },
  ])('$url: $bad', ({ url, bad }) => {
    expect(badPort(new URL(url))).toBe(bad);
  });

  it('holds the standard list, 0 and 10080 included', () => {
    // 83 rows, as in the standard's table and web-platform-tests' fetch/api/request/request-bad-port.any.js.
    expect(BAD_PORTS.size).toBe(83);
    for (const port of [0, 1, 22, 587, 989, 990, 6679, 10080]) expect(BAD_PORTS.has(port), String(port)).toBe(true);
  });
});

describe('fetch() to a bad port', () => {
  it('fails before anything is sent, and says why', async () => {
    const sent: OutgoingRequest[] = [];
    const verdict = await simulateFetch({ origin: PAGE, url: 'http://127.0.0.1:6665/items' }, (request) => {
      sent.push(request);
      return { status: 200, headers: {} };
    });
    expect(sent).toEqual([]);
    expect(verdict.allowed).toBe(false);
    const failed = verdict.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ step: 'request.port', spec: 'https://fetch.spec.whatwg.org/#bad-port' });
    expect(failed?.title).toBe('browsers refuse to connect to port 6665');
    expect(failed?.detail).toContain('6665 (ircu)');
  });
});

describe('a redirect to a bad port', () => {
  it('is not followed', () => {
    const verdict = judgeResponse(plan(), { status: 302, headers: { location: 'http://127.0.0.1:10080/', 'access-control-allow-origin': PAGE } });
    expect(verdict.allowed).toBe(false);
    expect(verdict.redirect).toBeUndefined();
    expect(verdict.steps.find((s) => !s.ok)).toMatchObject({
      step: 'redirect.port',
      title: 'browsers refuse to follow a redirect to port 10080',
    });
  });

  it('sends nothing to that port', async () => {
    const sent: string[] = [];
    const verdict = await simulateFetch({ origin: PAGE, url: 'https://api.example/start' }, (request) => {
      sent.push(request.url);
      return { status: 307, headers: { location: 'https://api.example:6666/next', 'access-control-allow-origin': PAGE } };
    });
    expect(sent).toEqual(['https://api.example/start']);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('port 6666');
  });
});
