import { libraryConfig } from '../tooling/tsup-library';

export default libraryConfig({ entry: ['src/index.ts', 'src/adapter.ts'] });
