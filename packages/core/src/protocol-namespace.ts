// The `protocol` namespace of `@portcullis/core/adapter`. Its own module so that the namespace
// object is built in the adapter entry only: made where protocol.ts is, in the chunk both
// entries share, it would keep every name of the protocol alive in every application's bundle.
export * from './protocol.js';
