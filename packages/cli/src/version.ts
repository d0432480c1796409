/** The package version, sent in User-Agent and printed by --version. */
export const VERSION = '0.1.0';
