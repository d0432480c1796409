// The plain upstream the generated configurations proxy to, and the same answers as a Fetch
// handler for the core to wrap: what `upstreamAnswer` says for the resource after the policy's
// path prefix (`/p0/x` is `x`), no CORS header of its own but on `cors-headers` and
// `reflect-cors`.

import { upstreamAnswer } from '../export/differential-cases.js';
import { start, type Running } from './servers.js';

/** The resource of a path under a policy's prefix: `/p0/status/500` is `status/500`. */
export function resourceOf(path: string): string {
  return path.split('?')[0]!.split('/').slice(2).join('/');
}

/**
 * The upstream's answer to a request from `origin`. `reflect-cors` is an API that already has
 * the worst CORS of its own, which the policy in front must replace: any Origin reflected with
 * credentials (the `cors` package's `origin: true`), without Vary, in a publicly cacheable answer.
 */
export function upstreamAnswerFor(resource: string, origin: string | undefined): { status: number; headers: Record<string, string> } {
  if (resource !== 'reflect-cors') return upstreamAnswer(resource);
  const answer = upstreamAnswer('x');
  if (origin === undefined) return answer;
  const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'cache-control': 'public, max-age=600' };
  return { status: answer.status, headers: { ...answer.headers, ...cors } };
}

/** The upstream on loopback; `hang-up` closes the connection, so that the server answers 502 itself. */
export function startUpstream(): Promise<Running> {
  return start((req, res) => {
    const resource = resourceOf(req.url ?? '/');
    if (resource === 'hang-up') {
      req.socket.destroy();
      return;
    }
    const { status, headers } = upstreamAnswerFor(resource, req.headers.origin);
    req.resume();
    req.on('end', () => {
      res.writeHead(status, headers);
      res.end('upstream');
    });
  });
}

/** The same answer as a Fetch handler, for `cors(policy).wrap(...)`. */
export function upstreamHandler(request: Request): Response {
  const { status, headers } = upstreamAnswerFor(resourceOf(new URL(request.url).pathname), request.headers.get('origin') ?? undefined);
  return new Response('upstream', { status, headers });
}
