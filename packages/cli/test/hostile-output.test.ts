// A checked server chooses its status text, header names and values, and Portcullis-Refusal;
// a page chooses its Origin. None of their bytes reaches the terminal raw: no ESC sequence
// (screen clearing, OSC 52 clipboard writes), no CR rewriting a line into a fake verdict, no C1
// control, no bidi override. Text output shows them escaped; --json stays the same data.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';
import { rawServer, start, type RawServer, type Running } from './support/servers.js';

const ORIGIN = 'http://localhost:5173';
/** What a terminal would act on: every control but LF, and the invisible format characters. */
const RAW = /[\0-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u;
/** U+202E (right-to-left override) as the UTF-8 bytes a server sends. */
const RLO = '\xe2\x80\xae';

let hostile: RawServer;
let garbage: RawServer;

beforeAll(async () => {
  hostile = await rawServer(() =>
    [
      `HTTP/1.1 200 OK\x1b[2J\x07${RLO}`,
      `access-control-allow-origin: \x1b]52;c;ZXZpbA==\x07`,
      `portcullis-refusal: origin ${ORIGIN} is not allowed\rallowed`,
      `vary: \x9b2J`,
      `x-\x1b[31mred: 1`,
      'connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  garbage = await rawServer(() => 'HTTP/1.1 2OO \x1b[2J\x9b\x07\r\n\r\n');
});

afterAll(async () => {
  await Promise.all([hostile?.close(), garbage?.close()]);
});

describe("portcullis check prints nothing of the server's raw", () => {
  it('escapes the status text, header names and values, and Portcullis-Refusal in text output', async () => {
    const c = capture();
    expect(await main(['check', `${hostile.url}/items`, '--origin', ORIGIN], c.io)).toBe(1);
    expect(c.out()).not.toMatch(RAW);
    expect(c.out()).toContain('← 200 OK\\x1b[2J\\x07â\\x80®');
    expect(c.out()).toContain('access-control-allow-origin: \\x1b]52;c;ZXZpbA==\\x07');
    expect(c.out()).toContain(`is not allowed\\rallowed`);
    expect(c.out()).toContain('vary: \\x9b2J');
  });

  it('keeps --json the same data, with every control escaped', async () => {
    const c = capture();
    expect(await main(['check', `${hostile.url}/items`, '--origin', ORIGIN, '--json'], c.io)).toBe(1);
    expect(c.out()).not.toMatch(RAW);
    const verdict = JSON.parse(c.out()) as { exchanges: { response: { statusText: string } }[]; refusals: { refusal: string }[] };
    expect(verdict.exchanges[0]?.response.statusText).toBe(`OK\x1b[2J\x07${RLO}`);
    expect(verdict.refusals[0]?.refusal).toBe(`origin ${ORIGIN} is not allowed\rallowed`);
  });

  it('escapes what a malformed answer quotes in the one-line error', async () => {
    const c = capture();
    expect(await main(['check', `${garbage.url}/items`, '--origin', ORIGIN], c.io)).toBe(2);
    expect(c.err()).toContain('not an HTTP/1.1 response');
    expect(c.err().trimEnd()).not.toMatch(RAW);
  });
});

describe('portcullis proxy logs nothing of a request raw', () => {
  let upstream: Running;
  beforeAll(async () => {
    upstream = await start((_req, res) => res.writeHead(200).end('ok'));
  });
  afterAll(() => upstream?.close());

  it('escapes an Origin with C1 controls and a bidi override in its log line', async () => {
    const c = capture();
    let stop: () => void = () => undefined;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const running = main(['proxy', '--target', upstream.url, '--origin', ORIGIN, '--port', '0'], { ...c.io, stopSignal });
    try {
      while (!c.out().includes('\n')) await new Promise((resolve) => setImmediate(resolve));
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(c.out())![1]);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.end(Buffer.from(`GET /x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: https://a\x9b2J${RLO}.example\r\nConnection: close\r\n\r\n`, 'latin1')),
        );
        socket.on('data', () => undefined);
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      while (c.out().split('\n').length < 3) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      stop();
    }
    expect(await running).toBe(0);
    const logged = c.out().split('\n')[1]!;
    expect(logged).toContain('https://a\\x9b2Jâ\\x80®.example');
    expect(logged).not.toMatch(RAW);
  });
});
