import { libraryConfig } from '../tooling/tsup-library';

// `next` is a peer dependency: the app's own copy must be the one whose NextResponse we build.
export default libraryConfig({ external: ['next', '@portcullis/core'] });
