// An Io for running the command line in-process: what it writes, kept.

export function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { isTTY: false, write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {} },
    out: () => out,
    err: () => err,
  };
}
