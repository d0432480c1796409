import { app } from './app.ts';

const server = Bun.serve(app);
console.log(`listening on ${server.url}`);
