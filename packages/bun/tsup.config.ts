import { libraryConfig } from '../tooling/tsup-library';

// `bun` is only ever imported for types; core stays a real dependency, never inlined.
export default libraryConfig({ external: ['bun', '@portcullis/core'] });
