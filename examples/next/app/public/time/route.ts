// No CORS code here: proxy.ts covers everything under /public.
export function GET() {
  return Response.json({ now: new Date().toISOString() }, { headers: { vary: 'Accept-Encoding' } });
}

export async function PUT(request: Request) {
  return Response.json({ received: await request.text() });
}
