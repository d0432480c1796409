// What a command writes to and reads from; the real command passes the process's, tests their own.

export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when a long-running command (the proxy) should stop (SIGINT/SIGTERM in the real command). */
  readonly stopSignal?: Promise<unknown>;
}
