// The inventory service: another Worker, which the API reaches through a service binding (on
// Vercel, over HTTP). It answers with its own public CORS policy, `*`, which the API replaces
// with its own when it passes the response through.

const stock: Readonly<Record<string, number>> = { portcullis: 2, drawbridge: 0, moat: 1 };

export default {
  fetch(request: Request): Response {
    const name = new URL(request.url).pathname.split('/').pop() ?? '';
    const count = stock[name];
    const headers = { 'access-control-allow-origin': '*', 'x-served-by': 'inventory' };
    if (count === undefined) return Response.json({ error: `no item '${name}'` }, { status: 404, headers });
    return Response.json({ name, count }, { headers });
  },
};
