// Redirects of a CORS request (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch): the
// redirect must pass the CORS check, and the next hop's origin, method and headers change.
import { describe, expect, it } from 'vitest';
import { judgeResponse, simulateFetch, type HttpResponse, type OutgoingRequest } from '../src/index.js';
import { header, PAGE, plan } from './helpers.js';

const redirect = (location: string, status = 302, acao: string | null = PAGE): HttpResponse => ({
  status,
  headers: { location, ...(acao === null ? {} : { 'access-control-allow-origin': acao }) },
});

describe('the redirect response', () => {
  it.each([
    { rule: 'must pass the CORS check itself', response: redirect('/next', 302, null), failing: 'cors.allow-origin' },
    { rule: 'must have a parsable Location', response: redirect('http://[::1'), failing: 'redirect.location' },
    { rule: 'must go to http(s)', response: redirect('data:text/plain,hi'), failing: 'redirect.scheme' },
    { rule: 'must not carry credentials in the URL (another origin)', response: redirect('https://u:p@other.example/'), failing: 'redirect.credentials' },
    { rule: 'must not carry credentials in the URL (same origin)', response: redirect('https://u:p@api.example/x'), failing: 'redirect.credentials' },
  ])('$rule', ({ response, failing }) => {
    const verdict = judgeResponse(plan(), response);
    expect(verdict.allowed).toBe(false);
    expect(verdict.steps.find((s) => !s.ok)?.step).toBe(failing);
    expect(verdict.redirect).toBeUndefined();
  });

  it('without Location is the final response', () => {
    const verdict = judgeResponse(plan(), { status: 302, headers: { 'access-control-allow-origin': PAGE } });
    expect(verdict.allowed).toBe(true);
    expect(verdict.redirect).toBeUndefined();
  });

  it('stops after 20 redirects', () => {
    let p = plan();
    for (let i = 0; i < 20; i++) {
      const next = judgeResponse(p, redirect(`/r${i}`)).redirect;
      expect(next, `redirect ${i + 1}`).toBeDefined();
      p = next!;
    }
    expect(judgeResponse(p, redirect('/r21')).steps.find((s) => !s.ok)?.step).toBe('redirect.count');
  });
});

describe('the next hop', () => {
  it.each([
    { rule: 'a same-origin redirect keeps the Origin', location: 'https://api.example/next', origin: PAGE },
    { rule: 'a cross-origin redirect taints the Origin to null', location: 'https://other.example/next', origin: 'null' },
    { rule: 'a redirect back to the page origin is still CORS, with Origin null', location: `${PAGE}/next`, origin: 'null' },
  ])('$rule', ({ location, origin }) => {
    const next = judgeResponse(plan(), redirect(location)).redirect!;
    expect(next.requestOrigin).toBe(origin);
    expect(next.cors).toBe(true);
    expect(header(next.actual.headers, 'origin')).toBe(origin);
  });

  it.each([
    { status: 301, method: 'POST', next: 'GET' },
    { status: 302, method: 'POST', next: 'GET' },
    { status: 303, method: 'PUT', next: 'GET' },
    { status: 303, method: 'HEAD', next: 'HEAD' },
    { status: 307, method: 'POST', next: 'POST' },
    { status: 308, method: 'PUT', next: 'PUT' },
    { status: 302, method: 'PUT', next: 'PUT' },
  ])('$status turns $method into $next', ({ status, method, next }) => {
    const p = plan({ method, headers: { 'content-type': 'text/plain' } });
    const hop = judgeResponse(p, redirect('/next', status)).redirect!;
    expect(hop.method).toBe(next);
    expect(header(hop.actual.headers, 'content-type')).toBe(next === method ? 'text/plain' : undefined);
  });

  it('drops authorization on a cross-origin redirect, keeps it on a same-origin one', () => {
    const p = plan({ headers: { authorization: 'Bearer x' } });
    const cross = judgeResponse(p, redirect('https://other.example/')).redirect!;
    expect(header(cross.actual.headers, 'authorization')).toBeUndefined();
    expect(cross.preflight).toBeNull();
    const same = judgeResponse(p, redirect('/next')).redirect!;
    expect(header(same.actual.headers, 'authorization')).toBe('Bearer x');
    expect(same.preflight?.url).toBe('https://api.example/next');
  });

  it('needs a new preflight, from Origin null, after a cross-origin 307 of a PUT', () => {
    const hop = judgeResponse(plan({ method: 'PUT' }), redirect('https://other.example/x', 307)).redirect!;
    expect(header(hop.preflight!.headers, 'origin')).toBe('null');
    expect(header(hop.preflight!.headers, 'access-control-request-method')).toBe('PUT');
  });

  it('from a same-origin request to another origin turns CORS on, keeping the Origin', () => {
    const p = plan({ url: `${PAGE}/start` });
    expect(p.cors).toBe(false);
    const verdict = judgeResponse(p, { status: 302, headers: { location: 'https://api.example/x' } });
    expect(verdict.allowed).toBe(true);
    expect(verdict.redirect).toMatchObject({ cors: true, requestOrigin: PAGE });
  });
});

describe('simulateFetch follows the whole chain', () => {
  it('and allows it when every hop passes', async () => {
    const seen: OutgoingRequest[] = [];
    const verdict = await simulateFetch({ origin: PAGE, url: 'https://api.example/a' }, (request) => {
      seen.push(request);
      if (request.url.endsWith('/a')) return redirect('https://other.example/b');
      return { status: 200, headers: { 'access-control-allow-origin': '*' } };
    });
    expect(verdict.allowed).toBe(true);
    expect(seen.map((r) => [r.method, r.url, header(r.headers, 'origin')])).toEqual([
      ['GET', 'https://api.example/a', PAGE],
      ['GET', 'https://other.example/b', 'null'],
    ]);
  });

  it('and blocks it when the target does not allow the null origin', async () => {
    const verdict = await simulateFetch({ origin: PAGE, url: 'https://api.example/a' }, (request) =>
      request.url.endsWith('/a') ? redirect('https://other.example/b') : { status: 200, headers: { 'access-control-allow-origin': PAGE } },
    );
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('Origin is null');
  });

  it('does not send the actual request when told not to, and says so', async () => {
    const verdict = await simulateFetch(
      { origin: PAGE, url: 'https://api.example/a', method: 'POST' },
      () => {
        throw new Error('must not be called');
      },
      { sendActual: () => false },
    );
    expect(verdict).toMatchObject({ allowed: true, complete: false });
    expect(verdict.steps.at(-1)?.step).toBe('actual.not-sent');
  });
});
