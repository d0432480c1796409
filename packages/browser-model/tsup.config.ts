import { libraryConfig } from '../tooling/tsup-library';

export default libraryConfig();
