// @ts-check
// The other site's page: runs the code the playground sends it, as this origin, and reports
// the outcome back. Messages are accepted from the playground's origin only.

/** @type {{ playground: string }} */
const origins = JSON.parse(/** @type {HTMLElement} */ (document.getElementById('origins')).textContent ?? '{}');
const AsyncFunction = /** @type {FunctionConstructor} */ (Object.getPrototypeOf(async () => {}).constructor);

window.addEventListener('message', async (event) => {
  if (event.origin !== origins.playground || event.data?.type !== 'run') return;
  const { run, code } = event.data;
  let outcome;
  try {
    outcome = { value: await new AsyncFunction(code)() };
  } catch (error) {
    outcome = { error: String(error) };
  }
  window.parent.postMessage({ type: 'outcome', run, outcome }, origins.playground);
});

window.parent.postMessage({ type: 'ready' }, origins.playground);
