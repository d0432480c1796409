// The few WebDriver classic commands the harness needs (https://w3c.github.io/webdriver/),
// over plain fetch: new session, navigate, execute an async script, switch window and frame.

export class WebDriverError extends Error {
  override name = 'WebDriverError';
}

export interface WebDriverSession {
  readonly id: string;
  readonly capabilities: Record<string, unknown>;
  navigate(url: string): Promise<void>;
  /** Runs `body` as an async script: its last argument is the callback that resolves it. */
  executeAsync<T>(body: string, args: readonly unknown[]): Promise<T>;
  windowHandle(): Promise<string>;
  newWindow(): Promise<string>;
  switchToWindow(handle: string): Promise<void>;
  /** A frame by index in the current document, or `null` for the top-level document. */
  switchToFrame(index: number | null): Promise<void>;
  delete(): Promise<void>;
}

async function command<T>(base: string, method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new WebDriverError(`${method} ${path}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}

export async function createSession(driverUrl: string, alwaysMatch: Record<string, unknown>, timeoutMs = 60_000): Promise<WebDriverSession> {
  const created = await command<{ sessionId: string; capabilities: Record<string, unknown> }>(
    driverUrl,
    'POST',
    '/session',
    { capabilities: { alwaysMatch } },
    timeoutMs,
  );
  const base = `${driverUrl}/session/${created.sessionId}`;
  const call = <T>(method: string, path: string, body?: unknown) => command<T>(base, method, path, body);
  return {
    id: created.sessionId,
    capabilities: created.capabilities,
    navigate: (url) => call<null>('POST', '/url', { url }).then(() => undefined),
    executeAsync: (body, args) => call('POST', '/execute/async', { script: body, args }),
    windowHandle: () => call<string>('GET', '/window'),
    newWindow: () => call<{ handle: string }>('POST', '/window/new', { type: 'window' }).then((v) => v.handle),
    switchToWindow: (handle) => call<null>('POST', '/window', { handle }).then(() => undefined),
    switchToFrame: (index) => call<null>('POST', '/frame', { id: index }).then(() => undefined),
    delete: () => call<null>('DELETE', '').then(() => undefined),
  };
}
