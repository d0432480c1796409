// A virtual X display for WebKitGTK, which has no headless mode: Xvfb picks a free display
// number itself and writes it to the fd given by `-displayfd`, so two runs never collide.

import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { startProcess, type RunningProcess } from './child-process.ts';

export const XVFB_PATH = process.env.CONFORMANCE_XVFB ?? '/usr/bin/Xvfb';

export interface Display {
  /** `:<n>`, for DISPLAY. */
  readonly name: string;
  stop(): Promise<void>;
}

export async function startXvfb(timeoutMs = 20_000): Promise<Display> {
  if (!existsSync(XVFB_PATH)) throw new Error(`Xvfb is not installed at ${XVFB_PATH}: apt-get install -y --no-install-recommends xvfb`);
  const xvfb: RunningProcess = startProcess({
    command: XVFB_PATH,
    args: ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'],
    cwd: '/',
    env: {},
    extraFds: 1,
  });
  try {
    const number = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Xvfb did not report its display in time')), timeoutMs);
      let text = '';
      (xvfb.child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) {
          clearTimeout(timer);
          resolve(text.trim());
        }
      });
      xvfb.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code ?? signal}) before reporting its display`));
      });
    });
    return { name: `:${number}`, stop: () => xvfb.stop() };
  } catch (error) {
    await xvfb.stop();
    throw new Error(`${String(error)}\n${xvfb.output()}`);
  }
}
