// The contract between a benchmark server and the runner: print one JSON line with the port
// (or with why the server cannot run), then stop cleanly on SIGTERM or when stdin closes.
// Works under Node and Bun.

export function announce(port, close) {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}

/** For an adapter that is not usable yet: the runner reports it as pending. */
export function pending(reason) {
  process.stdout.write(`${JSON.stringify({ pending: String(reason).split('\n')[0] })}\n`);
  process.exit(0);
}
