import { libraryConfig } from '../tooling/tsup-library';

// Fastify and its plugin helper are the application's; core is never inlined.
export default libraryConfig({ external: ['fastify', 'fastify-plugin', '@portcullis/core'] });
