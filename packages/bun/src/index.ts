export { withCors } from './with-cors.js';
// The core's user API, so Bun users need one import; `withCors` above replaces core's.
export * from '@portcullis/core';
