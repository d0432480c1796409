// Reached only with an Authorization header: proxy.ts turns everyone else away first.
export function GET() {
  return Response.json({ secret: 42 });
}
