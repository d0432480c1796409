// Serves a recipe's default export ({ fetch }) with Bun.serve on a free loopback port, prints
// its URL, and exits when its standard input closes (when the test that started it goes away).
export {};

const entry = process.argv[2];
const recipe = (await import(`../../src/${entry}`)) as {
  default: { fetch(request: Request): Response | Promise<Response> };
};
const server = Bun.serve({ fetch: recipe.default.fetch, hostname: '127.0.0.1', port: 0 });
console.log(server.url.href);
await Bun.stdin.text();
await server.stop(true);
process.exit(0);
