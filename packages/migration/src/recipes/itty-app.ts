// packages/migration/src/recipes/itty-app.ts
import { cors } from '@portcullis/core';
import { AutoRouter } from 'itty-router';

// No preflight in `before`, no corsify in `finally`: the policy wraps the router's fetch.
const router = AutoRouter();
router.get('/items/:id', ({ params }) => ({ id: params['id'] }));

export default {
  fetch: cors({ origin: ['https://foo.bar', 'https://dog.cat'] }).wrap(router.fetch),
};
