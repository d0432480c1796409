// @ts-check
// The playground page: renders one card per case, runs each in the browser (here, or in the
// other site's iframe), asks the API's log what went over the wire, and writes the verdict
// into the DOM where people and tests can read it:
//   data-case       the case's name
//   data-expected   what the policy in force should do: allowed | blocked
//   data-observed   what the browser did, once the card ran
//   data-state      running | done
//   [data-explanation]  why a blocked request was blocked
// <html data-passes="n"> counts the completed runs of every card.

import { cards } from './cards.js';
import { consoleMessages, describeFailure, failedCheck, serverRefusal } from './explain.js';
import { createEditor } from './editor.js';
import { h } from './dom.js';

/** @typedef {import('./cards.js').Card} Card */
/** @typedef {import('./cards.js').Context} Context */
/** @typedef {import('./cards.js').Exchange} Exchange */
/** @typedef {import('./cards.js').Outcome} Outcome */
/** @typedef {import('./cards.js').Policy} Policy */

/** @type {{ api: string, playground: string, other: string }} */
const origins = JSON.parse(/** @type {HTMLElement} */ (document.getElementById('origins')).textContent ?? '{}');

/** @typedef {{ origins: typeof origins, defaults: Policy, options: Policy, allowed: Context['allowed'] }} State */

/** The card's code as shown: `API/` becomes the API's origin. */
const shown = (/** @type {string} */ code) => code.replaceAll("'API/", `'${origins.api}/`);

/** The card's code as run: the same, each URL tagged with the run's id. */
function tagged(/** @type {string} */ code, /** @type {string} */ run) {
  return code.replace(/'API\/([^'?]*)'/g, (_match, path) => `'${origins.api}/${path}?run=${run}'`);
}

const AsyncFunction = /** @type {FunctionConstructor} */ (Object.getPrototypeOf(async () => {}).constructor);

/** @returns {Promise<Outcome>} */
async function runHere(/** @type {string} */ code) {
  try {
    return { value: await new AsyncFunction(code)() };
  } catch (error) {
    return { error: String(error) };
  }
}

const frame = /** @type {HTMLIFrameElement} */ (document.getElementById('other-site'));
const otherReady = new Promise((resolve) => {
  window.addEventListener('message', function ready(event) {
    if (event.origin === origins.other && event.data?.type === 'ready') {
      window.removeEventListener('message', ready);
      resolve(undefined);
    }
  });
});

/** Runs `code` in the other site's page, which reports back by postMessage. */
async function runThere(/** @type {string} */ code, /** @type {string} */ run) {
  await otherReady;
  return /** @type {Promise<Outcome>} */ (
    new Promise((resolve) => {
      const timer = setTimeout(() => finish({ error: 'no answer from the other site within 10 s' }), 10_000);
      /** @param {Outcome} outcome */
      function finish(outcome) {
        clearTimeout(timer);
        window.removeEventListener('message', listen);
        resolve(outcome);
      }
      /** @param {MessageEvent} event */
      function listen(event) {
        if (event.origin === origins.other && event.data?.type === 'outcome' && event.data.run === run) {
          finish(event.data.outcome);
        }
      }
      window.addEventListener('message', listen);
      frame.contentWindow?.postMessage({ type: 'run', run, code }, origins.other);
    })
  );
}

/** @returns {Promise<Exchange[]>} */
async function exchangesOf(/** @type {string} */ run) {
  const response = await fetch(`/playground/log?run=${encodeURIComponent(run)}`);
  return (await response.json()).exchanges;
}

/** The headers a card shows, besides those it names itself. */
const REQUEST_HEADERS = ['origin', 'access-control-request-method', 'access-control-request-headers', 'content-type', 'cookie', 'x-user', 'x-debug'];
const RESPONSE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'access-control-expose-headers',
  'portcullis-refusal',
  'set-cookie',
];

/** @param {Record<string, string>} headers @param {readonly string[]} names */
function headerList(headers, names) {
  const present = names.filter((name) => headers[name] !== undefined);
  if (present.length === 0) return h('p', { class: 'none' }, 'no CORS headers');
  return h(
    'ul',
    { class: 'headers' },
    ...present.map((name) => h('li', {}, h('span', { class: 'name' }, `${name}: `), headers[name] ?? '')),
  );
}

/** @param {Exchange} exchange @param {readonly string[]} extra */
function exchangeView(exchange, extra) {
  const label = exchange.kind === 'preflight' ? 'preflight' : 'request';
  const ok = exchange.status >= 200 && exchange.status < 300;
  return h(
    'div',
    { class: `exchange ${exchange.kind}` },
    h(
      'div',
      { class: 'line' },
      h('span', { class: 'kind' }, label),
      h('code', {}, `${exchange.method} ${exchange.path}`),
      h('span', { class: `status ${ok ? 'ok' : 'bad'}` }, String(exchange.status)),
      exchange.kind === 'request'
        ? h('span', { class: `handler ${exchange.reachedHandler ? 'ran' : 'not'}` }, exchange.reachedHandler ? 'handler ran' : 'handler not reached')
        : '',
    ),
    h(
      'div',
      { class: 'sides' },
      h('div', { class: 'side' }, h('h5', {}, 'sent'), headerList(exchange.requestHeaders, [...REQUEST_HEADERS, ...extra])),
      h('div', { class: 'side' }, h('h5', {}, 'answered'), headerList(exchange.responseHeaders, [...RESPONSE_HEADERS, ...extra])),
    ),
  );
}

/** `portcullis check` for the card's request, as run from the repository root: each option stays whole on a line. */
function checkCommand(/** @type {Card} */ card) {
  const from = card.from === 'playground' ? origins.playground : origins.other;
  const words = ['npx portcullis check', `${origins.api}${card.check.path}`, `--origin ${from}`];
  if (card.check.method !== 'GET') words.push(`--method ${card.check.method}`);
  for (const header of card.check.headers ?? []) words.push(`--header ${header}`);
  if (card.credentials) words.push('--credentials');
  return words;
}

/** @param {unknown} value */
function format(value) {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/**
 * One card: built once, filled in by each run.
 * @param {Card} card
 */
function cardView(card) {
  const from = card.from === 'playground' ? origins.playground : origins.other;
  const badge = h('span', { class: 'badge' }, '…');
  const title = h('h3', {});
  const lesson = h('p', { class: 'lesson' });
  const expectation = h('p', { class: 'expectation' });
  const wire = h('div', { class: 'wire' });
  const result = h('p', { class: 'result' });
  const explanation = h('div', { class: 'explanation', 'data-explanation': '' });
  const consoleText = h('div', { class: 'console' });
  const words = checkCommand(card);
  const command = words.join(' ');
  const element = h(
    'article',
    { class: 'card', 'data-case': card.name, 'data-state': 'idle', id: card.name },
    h('header', {}, title, badge),
    h('p', { class: 'from' }, `from ${from}${card.from === 'other' ? ' (the other site)' : ''}`),
    lesson,
    h('pre', { class: 'code' }, h('code', {}, shown(card.code))),
    expectation,
    wire,
    result,
    explanation,
    consoleText,
    h(
      'div',
      { class: 'cli', 'data-cli': '' },
      h(
        'span',
        { class: 'cli-label', title: 'The portcullis command asks the same question from a terminal: run it from the repository root.' },
        'CLI',
      ),
      h('code', {}, ...words.flatMap((word, i) => [i === 0 ? '' : ' ', h('span', { class: 'word' }, word)])),
      h('button', { type: 'button', class: 'copy', onclick: () => void navigator.clipboard?.writeText(command) }, 'copy'),
    ),
    h('button', { type: 'button', class: 'rerun', onclick: () => void run() }, 'run again'),
  );

  /** @type {State | undefined} */
  let state;

  async function run() {
    if (state === undefined) return;
    const context = { origins, allowed: state.allowed };
    const expected = card.expect(state.options, context);
    element.dataset.expected = expected.result;
    element.dataset.state = 'running';
    delete element.dataset.observed;
    delete element.dataset.matches;
    badge.textContent = 'running';
    expectation.replaceChildren(h('strong', {}, `expected ${expected.result}`), ` · ${expected.because}`);

    const id = crypto.randomUUID().slice(0, 8);
    const code = tagged(card.code, id);
    const outcome = card.from === 'playground' ? await runHere(code) : await runThere(code, id);
    const exchanges = await exchangesOf(id);
    const observed = card.observe ? card.observe(outcome, exchanges) : outcome.error === undefined ? 'allowed' : 'blocked';
    const matches = observed === expected.result;

    wire.replaceChildren(...wireViews(exchanges, card.headers ?? []));
    result.replaceChildren(
      h('span', { class: 'label' }, 'the script got '),
      h('code', {}, outcome.error ?? format(outcome.value)),
    );

    const request = { origin: from, credentials: card.credentials === true };
    // A form submission is a navigation: no CORS check runs, whatever the API answers.
    const failure = card.navigation ? undefined : failedCheck(exchanges, request);
    explanation.replaceChildren();
    if (observed === 'blocked') {
      const refusal = serverRefusal(exchanges, failure);
      explanation.append(
        h('h4', {}, 'why'),
        refusal !== undefined
          ? h('p', {}, h('span', { class: 'source' }, 'Portcullis-Refusal: '), h('q', {}, refusal))
          : h('p', {}, failure ? describeFailure(failure, request) : expected.because),
      );
    }
    if (!matches) {
      explanation.append(
        h('p', { class: 'warning' }, `Not what the policy says: expected ${expected.result}, but it was ${observed}.`),
        card.mismatch ? h('p', {}, card.mismatch) : '',
      );
    }

    consoleText.replaceChildren();
    if (failure !== undefined) {
      const url = `${origins.api}${failure.exchange.path}?run=${id}`;
      const messages = consoleMessages(failure, { ...request, url });
      consoleText.append(
        h('h4', {}, 'the browser console says'),
        h('p', { 'data-console': 'chromium' }, h('span', { class: 'browser' }, 'Chromium'), messages.chromium),
        h('p', { 'data-console': 'firefox' }, h('span', { class: 'browser' }, 'Firefox'), messages.firefox),
      );
    } else if (card.navigation) {
      consoleText.append(
        h('h4', {}, 'the browser console says'),
        h('p', {}, 'nothing: a form submission is a navigation, which CORS does not govern; the answer loads in the frame'),
      );
    } else if (observed === 'blocked') {
      consoleText.append(h('h4', {}, 'the browser console says'), h('p', {}, 'nothing: no CORS check failed, so there is no error to print'));
    }

    element.dataset.observed = observed;
    element.dataset.matches = String(matches);
    element.dataset.state = 'done';
    badge.textContent = observed;
  }

  return {
    card,
    element,
    run,
    /** @param {State} next */
    setState(next) {
      state = next;
      // What the card says follows the policy in force, as its expectation does.
      const context = { origins, allowed: next.allowed };
      title.textContent = card.title(next.options, context);
      lesson.textContent = card.lesson(next.options, context);
    },
  };
}

/** @param {readonly Exchange[]} exchanges @param {readonly string[]} extra */
function wireViews(exchanges, extra) {
  const views = exchanges.map((exchange) => exchangeView(exchange, extra));
  if (!exchanges.some((exchange) => exchange.kind === 'preflight')) {
    views.unshift(h('p', { class: 'note' }, 'no preflight: a simple request goes straight out'));
  }
  if (!exchanges.some((exchange) => exchange.kind === 'request')) {
    views.push(h('p', { class: 'note' }, 'the request itself was never sent'));
  }
  return views;
}

const views = cards.map(cardView);
const grid = /** @type {HTMLElement} */ (document.getElementById('cards'));
grid.replaceChildren(...views.map((view) => view.element));
let passes = 0;

async function runAll(/** @type {State} */ state) {
  for (const [name, allowed] of Object.entries(state.allowed)) {
    const tag = document.querySelector(`[data-allowed-for="${name}"]`);
    if (tag === null) continue;
    tag.textContent = allowed ? 'allowed by the policy' : 'not in the policy';
    tag.className = `tag ${allowed ? 'allowed' : 'blocked'}`;
  }
  for (const view of views) view.setState(state);
  for (const view of views) await view.run();
  document.documentElement.dataset.passes = String(++passes);
}

/** @returns {Promise<State>} */
async function loadState() {
  return (await fetch('/playground/state')).json();
}

for (const [name, url] of Object.entries(origins)) {
  const slot = document.querySelector(`[data-origin="${name}"]`);
  if (slot) slot.textContent = url;
}
frame.src = `${origins.other}/`;

const initial = await loadState();
createEditor(/** @type {HTMLFormElement} */ (document.getElementById('policy')), initial, (state) => void runAll(state));
await runAll(initial);
