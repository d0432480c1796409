// `npm start`: the playground, the API it calls and another site, until Ctrl-C.
// API_PORT, PLAYGROUND_PORT and OTHER_PORT override the ports (0: any free port).
import { startServers, type Ports } from './servers.js';

function port(name: string): number | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : Number(value);
}

const ports: Ports = {};
for (const [key, name] of [['api', 'API_PORT'], ['playground', 'PLAYGROUND_PORT'], ['other', 'OTHER_PORT']] as const) {
  const value = port(name);
  if (value !== undefined) ports[key] = value;
}

const running = await startServers(ports);

// Listening for Ctrl-C before saying where we serve: whoever reads that line may stop us at once.
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  void running.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

for (const note of running.notes) console.log(note);
console.log(`playground  ${running.playground}`);
console.log(`API         ${running.api}  (another origin, the one the cards call)`);
console.log(`other site  ${running.other}  (an origin the API does not allow)`);
console.log('open the playground in a browser; Ctrl-C stops all three');
