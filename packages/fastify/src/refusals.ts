// Refusals in Fastify: the router's own (a preflight about a route that does not exist, or that
// the plugin never saw) as data with one rendering, and where refusal events go: the request's
// logger for `onRefusal: 'log'`, or the user's listener, which can never break a request.

import { formatRefusalLog, isThenable } from '@portcullis/core/adapter';
import type { FastifyRequest } from 'fastify';
import type { FastifyRefusalEvent, FastifyRefusalListener, RouteRefusal, RouteRefusalEvent } from './types.js';

/** Longest method repeated in a refusal, as the core bounds it. */
const MAX_ECHOED_METHOD = 64;
/** Longest path repeated in a refusal: a reason explains, it does not mirror. */
const MAX_ECHOED_PATH = 128;

// RFC 9110 tchar: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA
const TCHAR_PUNCTUATION = "!#$%&'*+-.^_`|~";

function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && !TCHAR_PUNCTUATION.includes(text[i]!)) return false;
  }
  return true;
}

function isVisibleAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

function echoMethod(method: string): string {
  return method.length <= MAX_ECHOED_METHOD && isToken(method) ? method : 'the requested method';
}

function echoPath(path: string): string {
  return path.length > 0 && path.length <= MAX_ECHOED_PATH && isVisibleAscii(path) ? path : 'this URL';
}

/** What was refused and how to fix it, each one line of visible ASCII. */
export function explainRouteRefusal(refusal: RouteRefusal): { readonly message: string; readonly fix: string } {
  const method = echoMethod(refusal.method);
  const path = echoPath(refusal.path);
  if (refusal.code === 'route.unseen') {
    return {
      message: `${method} ${path} is served by a route registered before @portcullis/fastify (or outside the scope it was registered in), so its CORS configuration is unknown`,
      fix: 'register @portcullis/fastify before the routes it governs, in their scope or an enclosing one',
    };
  }
  const here = refusal.methodsHere;
  const upper = refusal.method.toUpperCase();
  if (method === refusal.method && upper !== refusal.method && here.includes(upper)) {
    return {
      message: `no route matches ${method} ${path}`,
      fix: `methods are case-sensitive and browsers send '${method}' as written: call fetch with method: '${upper}'`,
    };
  }
  if (here.length > 0) {
    return {
      message: `no route matches ${method} ${path} (routes there: ${here.join(', ')})`,
      fix: `call it with one of ${here.join(', ')}, or register a ${method} route for it`,
    };
  }
  return {
    message: `no route matches ${method} ${path}`,
    fix: 'check the URL the page calls, or register the route it needs',
  };
}

/** `onRefusal: 'log'`: one warning through the request's logger, the event's fields as data. */
function logThroughRequest(event: FastifyRefusalEvent): void {
  const { request, ...fields } = event;
  request.log.warn({ cors: fields }, formatRefusalLog(event));
}

/**
 * A listener that never throws into a request: an error (or a rejected promise) is logged
 * through the request's logger, once for the listener's lifetime.
 */
function guard(listener: FastifyRefusalListener): FastifyRefusalListener {
  let failed = false;
  const fail = (error: unknown, request: FastifyRequest) => {
    if (failed) return;
    failed = true;
    request.log.error({ err: error }, 'portcullis: the onRefusal listener threw; the request went on unaffected (reported once)');
  };
  return (event) => {
    try {
      const result: unknown = listener(event);
      if (isThenable(result)) Promise.resolve(result).then(undefined, (error: unknown) => fail(error, event.request));
    } catch (error) {
      fail(error, event.request);
    }
  };
}

/** The listener the engines get for the user's `onRefusal` value. */
export function refusalListener(given: 'log' | FastifyRefusalListener | undefined): FastifyRefusalListener | undefined {
  if (given === undefined) return undefined;
  return given === 'log' ? logThroughRequest : guard(given);
}

/** Hands a route refusal to the listener, in the event shape the core uses. */
export function reportRouteRefusal(
  listener: FastifyRefusalListener,
  refusal: RouteRefusal,
  requestHeaders: string | null,
  request: FastifyRequest,
): void {
  const { message, fix } = explainRouteRefusal(refusal);
  const event: RouteRefusalEvent = Object.freeze({
    kind: 'preflight',
    code: refusal.code,
    refusal: Object.freeze(refusal),
    origin: refusal.origin,
    method: refusal.method,
    requestHeaders,
    message,
    fix,
    request,
  });
  listener(event);
}
