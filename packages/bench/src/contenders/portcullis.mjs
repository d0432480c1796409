// Portcullis's Fetch API: the policy's `wrap` around the bare handler.

import { cors } from '@portcullis/core';
import { bareHandler } from '../scenarios.mjs';

export const id = 'portcullis';
export const label = 'Portcullis';

export function options(policy) {
  return {
    origin: policy.origins,
    allowMethods: policy.methods,
    allowHeaders: policy.allowHeaders,
    credentials: policy.credentials,
    maxAge: policy.maxAge,
    ...policy.portcullis,
  };
}

export function create(policy) {
  return { without: bareHandler, with: cors(options(policy)).wrap(bareHandler) };
}
