// @ts-check
// The policy editor: a form for the options of `cors()`. Applying sends them to the running
// API, which validates them with core; a `CorsConfigError`'s problems come back and are shown
// next to the field each one is about, and a valid policy replaces the API's at once.

import { h } from './dom.js';

/** @typedef {import('./cards.js').Policy} Policy */
/** @typedef {{ origins: { api: string, playground: string, other: string }, defaults: Policy, options: Policy, allowed: { playground: boolean, other: boolean } }} State */
/** @typedef {{ path: string, segments: (string | number)[], message: string, fix: string }} Problem */

const LISTS = /** @type {const} */ (['allowMethods', 'allowHeaders', 'exposeHeaders']);

/** @param {string} text */
function items(text) {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A list field: `*` alone is the wildcard option, anything else a list. */
function listValue(/** @type {string} */ text) {
  const list = items(text);
  return list.length === 1 && list[0] === '*' ? '*' : list;
}

/** @param {string | readonly string[] | undefined} value @param {string} separator */
const listText = (value, separator) => (value === undefined ? '' : typeof value === 'string' ? value : value.join(separator));

/** @param {unknown} value @returns {string} */
function literal(value) {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return String(value);
}

/** The policy as the code to write in your own API; long lists get a line per item. */
export function policyCode(/** @type {Policy} */ policy) {
  const lines = Object.entries(policy).map(([name, value]) => {
    const short = `  ${name}: ${literal(value)},`;
    if (!Array.isArray(value) || short.length <= 37) return short;
    return `  ${name}: [\n${value.map((item) => `    ${literal(item)},`).join('\n')}\n  ],`;
  });
  return `cors({\n${lines.join('\n')}\n});`;
}

/**
 * @param {HTMLFormElement} form
 * @param {State} initial
 * @param {(state: State) => void} applied called with the new state once a policy is in force
 */
export function createEditor(form, initial, applied) {
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  const code = /** @type {HTMLElement} */ (document.getElementById('policy-code'));
  const status = /** @type {HTMLElement} */ (form.querySelector('[data-status]'));

  function fill(/** @type {Policy} */ policy) {
    field('origin').value = listText(policy.origin, '\n');
    for (const name of LISTS) field(name).value = listText(policy[name], ', ');
    field('credentials').checked = policy.credentials === true;
    field('maxAge').value = policy.maxAge === undefined ? '' : String(policy.maxAge);
  }

  /** @returns {Policy} */
  function read() {
    const origins = items(field('origin').value);
    /** @type {Policy} */
    const policy = { origin: origins.length === 1 && origins[0] === '*' ? '*' : origins };
    for (const name of LISTS) policy[name] = listValue(field(name).value);
    policy.credentials = field('credentials').checked;
    const maxAge = field('maxAge').value.trim();
    if (maxAge !== '') policy.maxAge = Number(maxAge);
    return policy;
  }

  function clearProblems() {
    for (const slot of form.querySelectorAll('[data-problems-for]')) slot.replaceChildren();
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /** @param {readonly Problem[]} problems */
  function showProblems(problems) {
    clearProblems();
    for (const problem of problems) {
      const option = String(problem.segments[0] ?? '');
      const slot =
        form.querySelector(`[data-problems-for="${CSS.escape(option)}"]`) ?? form.querySelector('[data-problems-for=""]');
      const index = problem.segments[1];
      const where =
        typeof index === 'number' ? `${problem.path} (${option === 'origin' ? 'line' : 'item'} ${index + 1})` : problem.path;
      field(option)?.setAttribute?.('aria-invalid', 'true');
      slot?.append(
        h(
          'div',
          { class: 'problem', 'data-problem': problem.path },
          h('p', {}, h('code', {}, where), ' ', problem.message),
          h('p', { class: 'fix' }, 'fix: ', problem.fix),
        ),
      );
    }
  }

  async function apply(/** @type {Policy} */ policy) {
    status.textContent = 'applying…';
    const response = await fetch('/playground/policy', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(policy),
    });
    const body = await response.json();
    if (response.status === 422) {
      showProblems(body.problems);
      status.textContent = `not applied: cors() found ${body.problems.length === 1 ? 'a problem' : `${body.problems.length} problems`}; the API keeps its policy`;
      form.dataset.result = 'invalid';
      return;
    }
    clearProblems();
    code.textContent = policyCode(policy);
    status.textContent = 'applied: the API uses this policy now; the cards run again';
    form.dataset.result = 'applied';
    applied(body);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void apply(read());
  });
  /** @type {HTMLButtonElement} */ (form.querySelector('[data-reset]')).addEventListener('click', () => {
    fill(initial.defaults);
    void apply(initial.defaults);
  });

  fill(initial.options);
  code.textContent = policyCode(initial.options);
}
