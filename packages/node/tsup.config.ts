import { libraryConfig } from '../tooling/tsup-library';

// Core stays a real dependency, never inlined; on-headers is a dependency too. Express and Koa
// are only ever named in types, so nothing of theirs is imported at run time.
export default libraryConfig({ entry: ['src/index.ts', 'src/koa.ts'], external: ['@portcullis/core', 'on-headers'] });
