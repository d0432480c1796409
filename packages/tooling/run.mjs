#!/usr/bin/env node
// The two commands of the README, for a fresh machine with only Node 20 and npm:
//   npm start  -> install what the main job needs, build it, run it (src/start.mjs)
//   npm test   -> install everything (browsers included), build, run every suite (src/test.mjs)
// Only Node built-ins: this runs before anything is installed.

const command = process.argv[2];
if (command === 'test') await (await import('./src/test.mjs')).test();
else if (command === 'start') await (await import('./src/start.mjs')).start();
else {
  console.error('usage: node packages/tooling/run.mjs <start|test>');
  process.exit(2);
}
