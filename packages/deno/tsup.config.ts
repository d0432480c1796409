import { libraryConfig } from '../tooling/tsup-library';

// Resolved from the user's installation, never bundled: one copy of core per application.
export default libraryConfig({ external: ['@portcullis/core'] });
