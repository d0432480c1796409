// One bounded autocannon run against a loopback server.

import autocannon from 'autocannon';

/** Requests per second (mean over the run) and how many answers were errors or non-2xx. */
export async function load(port, traffic, { seconds, connections = 16 }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/items`,
    method: traffic.method,
    headers: traffic.headers,
    connections,
    pipelining: 1,
    duration: seconds,
  });
  return {
    rps: result.requests.mean,
    latencyP50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
