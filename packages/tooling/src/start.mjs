// `npm start`: the main job, the example API and a front end on another origin.

import { build, install, log, pn } from './process.mjs';

export async function start() {
  await install();
  await build();
  log('starting the example API and front end (examples/node)');
  await pn(['--filter', 'example-node', 'run', 'start']);
}
