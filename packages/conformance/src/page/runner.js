// Runs one page action of the scenario table inside the browser and reports what the script
// could observe. Plain browser JavaScript, served by the page server to the page origins and to
// the sandboxed iframe; a driver calls `window.conformance.run(action, baseUrl)`. A page without
// a driver (`window.conformanceAutopilot` set to its role) asks the page server for its jobs.
'use strict';

(() => {
  const decoder = () => new TextDecoder();

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  function readHeaders(names, get) {
    const headers = {};
    for (const name of names ?? []) headers[name] = get(name);
    return headers;
  }

  function failure(error) {
    return { readable: false, error: `${error && error.name}: ${error && error.message}` };
  }

  async function readStreamed(response, url, credentials) {
    // The server sends the second chunk only once told that the first one arrived: if any
    // layer buffered the body, the first read holds both chunks (after the server's fallback).
    const reader = response.body.getReader();
    const text = decoder();
    const first = await reader.read();
    const firstText = first.done ? '' : text.decode(first.value, { stream: true });
    const incremental = firstText.includes('first-chunk') && !firstText.includes('second-chunk');
    await (await fetch(new URL('stream/release', url), { credentials })).text();
    let body = firstText;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      body += text.decode(next.value, { stream: true });
    }
    return { body, incremental };
  }

  async function runFetch(action, url) {
    const init = { method: action.method ?? 'GET', headers: action.headers ?? {}, mode: action.mode ?? 'cors' };
    if (action.credentials) init.credentials = action.credentials;
    if (action.body !== undefined) init.body = action.body;
    let outcome;
    for (let i = 0; i < (action.times ?? 1); i++) {
      let response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        return { ...failure(error), attempt: i + 1 };
      }
      // A no-cors answer is opaque: status 0, no headers, no body, whatever the server sent.
      if (response.type === 'opaque') return { readable: false, error: 'opaque response (no-cors)', type: response.type, status: response.status };
      outcome = {
        readable: true,
        status: response.status,
        redirected: response.redirected,
        url: response.url,
        headers: readHeaders(action.readHeaders, (name) => response.headers.get(name)),
      };
      if (action.streamed) {
        const { body, incremental } = await readStreamed(response, url, init.credentials);
        outcome.body = body;
        outcome.streamedIncrementally = incremental;
      } else {
        outcome.body = await response.text();
      }
      outcome.echo = parseJson(outcome.body);
    }
    return outcome;
  }

  function runXhr(action, url) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(action.method ?? 'GET', url);
      for (const [name, value] of Object.entries(action.headers ?? {})) xhr.setRequestHeader(name, value);
      xhr.withCredentials = Boolean(action.withCredentials);
      xhr.onload = () =>
        resolve({
          readable: true,
          status: xhr.status,
          body: xhr.responseText,
          echo: parseJson(xhr.responseText),
          headers: readHeaders(action.readHeaders, (name) => xhr.getResponseHeader(name)),
        });
      // XHR reports a CORS failure as a bare network error, status 0.
      xhr.onerror = () => resolve({ readable: false, error: `XMLHttpRequest error, status ${xhr.status}` });
      xhr.send(action.body ?? null);
    });
  }

  let fontCounter = 0;
  async function runFont(url) {
    const family = `conformance-font-${++fontCounter}`;
    const style = document.createElement('style');
    style.textContent = `@font-face { font-family: "${family}"; src: url("${url}") format("woff2"); }`;
    document.head.append(style);
    try {
      const faces = await document.fonts.load(`16px "${family}"`);
      const statuses = faces.map((face) => face.status);
      const loaded = faces.length > 0 && statuses.every((status) => status === 'loaded');
      return loaded
        ? { readable: true, status: 200, fontStatus: statuses.join(',') }
        : { readable: false, error: `font faces: [${statuses.join(',')}]` };
    } catch (error) {
      return failure(error);
    } finally {
      style.remove();
    }
  }

  async function runImage(action, url) {
    const image = new Image();
    if (action.crossOrigin !== null) image.crossOrigin = action.crossOrigin;
    const loaded = await new Promise((resolve) => {
      image.onload = () => resolve(true);
      image.onerror = () => resolve(false);
      image.src = url;
    });
    if (!loaded) return { readable: false, error: 'image error event', canvas: 'load-error' };
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    try {
      const pixel = Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
      return { readable: true, status: 200, canvas: 'untainted', pixel };
    } catch (error) {
      return { ...failure(error), canvas: 'tainted' };
    }
  }

  /** Resolves with the next load of `frame` whose document this page cannot read (another origin's). */
  function foreignLoad(frame, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      frame.addEventListener('load', function onLoad() {
        let foreign;
        try {
          foreign = frame.contentDocument === null;
        } catch {
          foreign = true;
        }
        if (!foreign) return; // the frame's own about:blank
        frame.removeEventListener('load', onLoad);
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  let frameCounter = 0;
  async function runForm(url) {
    // A classic cross-site form post: a navigation of a frame of this page, with the cookies.
    const name = `conformance-form-${++frameCounter}`;
    const frame = document.createElement('iframe');
    frame.name = name;
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'post';
    form.action = url;
    form.target = name;
    form.enctype = 'application/x-www-form-urlencoded';
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'item';
    field.value = '1';
    form.append(field);
    document.body.append(form);
    const loaded = foreignLoad(frame, 10_000);
    form.submit();
    const submitted = await loaded;
    form.remove();
    frame.remove();
    // The answer is in another origin's document: never readable by this page.
    return submitted ? { readable: false, error: "the form's answer is another origin's document", submitted } : { readable: false, error: 'the form post never loaded', submitted };
  }

  function runApiPage(url) {
    // A page of the API's own origin, framed here, posts to the API: it reports what it saw.
    return new Promise((resolve) => {
      const frame = document.createElement('iframe');
      const timer = setTimeout(() => finish({ readable: false, error: 'the API page never reported' }), 10_000);
      function finish(outcome) {
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        frame.remove();
        resolve(outcome);
      }
      function onMessage(event) {
        if (event.source === frame.contentWindow && event.data && event.data.conformanceApiPage) finish(event.data.conformanceApiPage);
      }
      window.addEventListener('message', onMessage);
      frame.src = url;
      document.body.append(frame);
    });
  }

  const RESOURCE_OF = { font: 'font.woff2', image: 'image.png', form: 'write', 'api-page': 'page' };

  window.conformance = {
    /** `base` is `http://127.0.0.1:<port>/s/<scenario>/r/<run>/`. */
    async run(action, base) {
      const url = new URL(action.resource ?? RESOURCE_OF[action.kind] ?? 'echo', base).href;
      switch (action.kind) {
        case 'fetch':
          return runFetch(action, url);
        case 'xhr':
          return runXhr(action, url);
        case 'font':
          return runFont(url);
        case 'image':
          return runImage(action, url);
        case 'form':
          return runForm(url);
        case 'api-page':
          return runApiPage(url);
        default:
          return { readable: false, error: `unknown action ${action.kind}` };
      }
    },
  };

  // The page server answers `next` with a job, or 204 after a while; the loop never ends.
  async function autopilot(role) {
    const server = document.baseURI;
    for (;;) {
      let job;
      try {
        const response = await fetch(new URL(`/autopilot/next?role=${role}`, server), { cache: 'no-store' });
        if (response.status !== 200) continue;
        job = await response.json();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      let outcome;
      try {
        outcome = await window.conformance.run(job.action, job.base);
      } catch (error) {
        outcome = failure(error);
      }
      await fetch(new URL(`/autopilot/result?id=${job.id}`, server), { method: 'POST', body: JSON.stringify(outcome) }).catch(
        () => undefined,
      );
    }
  }

  if (typeof window.conformanceAutopilot === 'string') autopilot(window.conformanceAutopilot);
})();
