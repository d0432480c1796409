import type { NextRequest } from 'next/server';
import { cors, corsByRequest, withCors } from '@portcullis/next';

// Each tenant's own front end, validated once, when the module loads.
const tenants = new Map([
  ['acme', cors({ origin: 'https://acme.example', credentials: true })],
  ['globex', cors({ origin: ['https://globex.example', 'https://admin.globex.example'], credentials: true })],
]);

// /api/tenants/acme -> acme's policy; an unknown tenant gets no CORS at all. The tenant is in
// the path, which caches already key on.
const byTenant = corsByRequest((request: NextRequest) => tenants.get(request.nextUrl.pathname.split('/')[3] ?? ''));

const settings = new Map<string, unknown>();

async function getSettings(_request: NextRequest, { params }: RouteContext<'/api/tenants/[tenant]'>) {
  const { tenant } = await params;
  return Response.json({ tenant, settings: settings.get(tenant) ?? null });
}

async function putSettings(request: NextRequest, { params }: RouteContext<'/api/tenants/[tenant]'>) {
  const { tenant } = await params;
  settings.set(tenant, await request.json());
  return Response.json({ tenant, settings: settings.get(tenant) });
}

export const { GET, PUT, OPTIONS } = withCors({ GET: getSettings, PUT: putSettings }, byTenant);
