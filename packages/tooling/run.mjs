#!/usr/bin/env node
// The commands of the README, for a fresh machine with only Node.js and npm:
//   npm start          -> install what the main job needs, build it, run it (src/start.mjs)
//   npm test           -> install everything (browsers included), build, run every suite (src/test.mjs)
//   npm run build:cli  -> install and build what the `portcullis` command needs (src/start.mjs)
// Only Node built-ins: this runs before anything is installed.

import { requireSupportedNode } from './src/node-version.mjs';

const command = process.argv[2];
requireSupportedNode();
if (command === 'test') await (await import('./src/test.mjs')).test();
else if (command === 'start') await (await import('./src/start.mjs')).start();
else if (command === 'build-cli') await (await import('./src/start.mjs')).prepare();
else {
  console.error('usage: node packages/tooling/run.mjs <start|test|build-cli>');
  process.exit(2);
}
