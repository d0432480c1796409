// The main job: start the API and the front end, prove a real cross-origin request works,
// then keep serving until interrupted.
import { startServers } from './servers.js';

const running = await startServers(Number(process.env.API_PORT ?? 8787), Number(process.env.WEB_PORT ?? 5173));
console.log(`API        ${running.api}`);
console.log(`front end  ${running.frontEnd}  (open it in a browser)`);

// The same requests a browser on the front end's origin sends: a preflight, then the call.
const origin = running.frontEnd;
const preflight = await fetch(`${running.api}/api/hello`, {
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-user' },
});
const call = await fetch(`${running.api}/api/hello`, { headers: { origin, 'x-user': 'node' } });
console.log(`preflight  ${preflight.status} allow-origin=${preflight.headers.get('access-control-allow-origin')} allow-headers=${preflight.headers.get('access-control-allow-headers')}`);
console.log(`GET        ${call.status} allow-origin=${call.headers.get('access-control-allow-origin')} credentials=${call.headers.get('access-control-allow-credentials')} body=${await call.text()}`);

if (process.env.EXIT_AFTER_CHECK === '1') {
  await running.close();
} else {
  console.log('serving; press Ctrl-C to stop');
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
