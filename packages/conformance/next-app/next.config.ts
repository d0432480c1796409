import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The app imports the shared application and scenario table from ../src; the workspace root
// is the boundary Turbopack may read from.
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

const nextConfig: NextConfig = {
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
};

export default nextConfig;
