// The conformance scenarios: cross-origin write protection; the preflight cache; non-fetch uses of CORS.

import type { Scenario } from '../scenario-types.ts';
import { ALLOWED_WRITE, ALLOWED_WRITE_HEADERS, FIREFOX_BLOCKED, FORM_POST, NO_ACAO, NO_CORS_POST, OPAQUE, REFUSED_WRITE, TEXT_POST, WEBKIT_FONTS_WITHOUT_CORS, once, pageOnly, protectedWrites } from './shared.ts';

export const writesAndMore: readonly Scenario[] = [
  // ── Cross-origin write protection (protectWrites) ───────────────────────────────────────────────
  {
    name: 'write-form-other-origin-refused',
    title: "A form POST from a page the policy does not list, with the user's cookie: refused with 403, the handler never runs",
    policy: protectedWrites,
    from: 'other-page',
    action: FORM_POST,
    expect: { readable: OPAQUE, write: REFUSED_WRITE, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'write-form-allowed-origin',
  },
  {
    name: 'write-form-allowed-origin',
    title: 'The same form POST from the allowed page reaches the handler',
    policy: protectedWrites,
    action: FORM_POST,
    expect: { readable: OPAQUE, write: ALLOWED_WRITE, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-no-cors-other-origin-refused',
    title: "A mode: 'no-cors' fetch POST from a page the policy does not list: refused, the handler never runs",
    policy: protectedWrites,
    from: 'other-page',
    action: NO_CORS_POST,
    expect: { readable: OPAQUE, write: REFUSED_WRITE, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'write-no-cors-allowed-origin',
  },
  {
    name: 'write-no-cors-allowed-origin',
    title: "The same mode: 'no-cors' POST from the allowed page reaches the handler (the page still cannot read it)",
    policy: protectedWrites,
    action: NO_CORS_POST,
    expect: { readable: OPAQUE, write: ALLOWED_WRITE, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-text-plain-other-origin-refused',
    title: "A credentialed text/plain POST (no preflight) from a page the policy does not list: refused before the handler, and blocked",
    policy: protectedWrites,
    from: 'other-page',
    action: TEXT_POST,
    expect: {
      readable: {
        reason: 'no-allow-origin',
        console: {
          chromium: "Access to fetch at '$url' from origin '$other' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
          firefox: `${FIREFOX_BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.`,
          webkit: 'Origin $other is not allowed by Access-Control-Allow-Origin. Status code: 403',
        },
      },
      write: REFUSED_WRITE,
      sentHeaders: { 'access-control-allow-origin': null },
      ...once,
    },
    control: 'write-text-plain-allowed-origin',
    troubleshooting: {
      kind: 'a write from an origin that is not allowed',
      means:
        'a request that changes state (not `GET`, `HEAD` or `OPTIONS`) from a site the policy does not list: write protection (on with `credentials: true`) answered `403` without running your handler',
      change: 'add the page’s origin to `origin` if that site may write (the browser then reads the answer too), or set `protectWrites: false` if writes need no protection',
    },
  },
  {
    name: 'write-text-plain-allowed-origin',
    title: 'The same credentialed text/plain POST from the allowed page: the handler runs and the page reads the answer',
    policy: protectedWrites,
    action: TEXT_POST,
    expect: { readable: true, status: 200, write: ALLOWED_WRITE, echo: { method: 'POST' }, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-same-origin-api-page',
    title: "A page the API serves itself POSTs to the API: a same-origin write, allowed though the policy lists only another origin",
    policy: protectedWrites,
    action: { kind: 'api-page' },
    expect: {
      readable: true,
      status: 200,
      write: { handlerRuns: 1, status: 200, refusal: null, origin: '$api', secFetchSite: 'same-origin', cookieSent: true },
      // The page itself (a navigation, no Origin), then its write.
      preflights: 0,
      actualRequests: 2,
    },
  },

  // ── Preflight cache ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'max-age-honoured',
    title: 'maxAge 600: the second identical PUT sends no preflight',
    policy: ({ page }) => ({ origin: page, maxAge: 600 }),
    action: { kind: 'fetch', method: 'PUT', times: 2 },
    expect: { readable: true, status: 200, preflights: 1, actualRequests: 2 },
  },
  {
    name: 'max-age-default',
    title: 'The default maxAge also spares the second preflight',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'DELETE', times: 2 },
    expect: { readable: true, status: 200, preflights: 1, actualRequests: 2 },
  },
  {
    name: 'max-age-zero',
    title: 'maxAge 0: every PUT is preflighted again (the count is real, not a constant)',
    policy: ({ page }) => ({ origin: page, maxAge: 0 }),
    action: { kind: 'fetch', method: 'PUT', times: 2 },
    expect: { readable: true, status: 200, preflights: 2, actualRequests: 2 },
  },

  // ── Non-fetch uses of CORS ──────────────────────────────────────────────────────────────────────
  {
    name: 'font-face-allowed',
    title: 'An @font-face web font from the API loads',
    policy: pageOnly,
    action: { kind: 'font' },
    expect: { readable: true, status: 200, ...once },
    engines: { webkit: { expect: { noCors: true }, why: WEBKIT_FONTS_WITHOUT_CORS } },
  },
  {
    name: 'font-face-blocked',
    title: 'An @font-face web font from an API that does not allow the page fails to load',
    policy: ({ other }) => ({ origin: other }),
    action: { kind: 'font' },
    expect: { readable: NO_ACAO, ...once },
    control: 'font-face-allowed',
    engines: { webkit: { expect: { readable: true, status: 200, noCors: true }, why: WEBKIT_FONTS_WITHOUT_CORS } },
  },
  {
    name: 'canvas-image-untainted',
    title: 'A crossorigin image drawn on a canvas leaves it readable (getImageData works)',
    policy: pageOnly,
    action: { kind: 'image', crossOrigin: 'anonymous' },
    expect: { readable: true, status: 200, canvas: 'untainted', ...once },
  },
  {
    name: 'canvas-image-blocked',
    title: 'A crossorigin image from an API that does not allow the page does not load at all',
    policy: ({ other }) => ({ origin: other }),
    action: { kind: 'image', crossOrigin: 'anonymous' },
    expect: { readable: NO_ACAO, ...once },
    control: 'canvas-image-untainted',
  },
  {
    name: 'canvas-image-no-crossorigin-tainted',
    title: 'The same image without the crossorigin attribute loads in no-cors mode and taints the canvas',
    policy: pageOnly,
    action: { kind: 'image', crossOrigin: null },
    expect: { readable: { reason: null }, canvas: 'tainted', ...once },
    control: 'canvas-image-untainted',
  },
];
