// Runs the micro-benchmark workers: `rounds` fresh processes per contender, contenders in a
// rotated order each round so that slow drift in machine load does not favour one of them.
// Per scenario it reports the median over rounds of the time without and with the CORS layer,
// of their ratio and of their difference (the layer's own cost), each ratio taken in one round.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CONTENDERS } from '../contenders/index.mjs';
import { median, spread } from '../stats.mjs';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

async function runWorker(contender, minCpuTimeMs, warmupCalls) {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', WORKER, JSON.stringify({ contender, minCpuTimeMs, warmupCalls })],
    { maxBuffer: 16 << 20, timeout: 180_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop());
}

export async function runMicro({ rounds = 5, minCpuTimeMs = 40, warmupCalls = 1000, log = () => {} } = {}) {
  const perContender = new Map(CONTENDERS.map((c) => [c.id, []]));
  for (let round = 0; round < rounds; round++) {
    const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]);
    for (const c of order) {
      log(`micro: round ${round + 1}/${rounds}, ${c.label}`);
      perContender.get(c.id).push(await runWorker(c.id, minCpuTimeMs, warmupCalls));
    }
  }
  const contenders = CONTENDERS.map((c) => {
    const runs = perContender.get(c.id);
    const scenarios = runs[0].results.map(({ scenario, check }) => {
      const pick = (f) => runs.map((r) => f(r.results.find((x) => x.scenario === scenario)));
      const ratios = pick((x) => x.with / x.without);
      const result = {
        scenario,
        check,
        without: median(pick((x) => x.without)),
        with: median(pick((x) => x.with)),
        ratio: median(ratios),
        ratioSpread: spread(ratios),
        overhead: median(pick((x) => x.with - x.without)),
      };
      // Portcullis around the same app, for peers: its cost against the same baseline.
      if (check.portcullis !== undefined) {
        result.portcullis = median(pick((x) => x.portcullis));
        result.portcullisRatio = median(pick((x) => x.portcullis / x.without));
        result.portcullisOverhead = median(pick((x) => x.portcullis - x.without));
      }
      return result;
    });
    const decide = (runs[0].decide ?? []).map(({ scenario }) => ({
      scenario,
      ns: median(runs.map((r) => r.decide.find((d) => d.scenario === scenario).ns)),
    }));
    return { id: c.id, label: c.label, app: c.app, scenarios, decide };
  });
  return { rounds, minCpuTimeMs, contenders };
}
