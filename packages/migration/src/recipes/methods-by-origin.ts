// packages/migration/src/recipes/methods-by-origin.ts
import { cors, corsByRequest } from '@portcullis/core';

const partner = cors({ origin: 'https://example.com', allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] });
const everyone = cors({ origin: '*', allowMethods: ['GET', 'HEAD'] });

// The choice depends on Origin: partner's answers carry Vary: Origin, and everyone's are the
// same for every origin, so a shared cache cannot hand one to the other wrongly.
export const policy = corsByRequest((request: Request) =>
  request.headers.get('origin') === 'https://example.com' ? partner : everyone,
);
