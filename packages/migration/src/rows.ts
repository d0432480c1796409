// A row of a migration guide, as data: the peer's configuration and its Portcullis translation
// (as the texts the guide shows), what Portcullis's cors() says about the peer's text, and the
// fetch() calls whose browser conclusions must match, or differ as the guide says.

import type { FetchCall } from '@portcullis/browser-model';
import type { CorsRefusalCode } from '@portcullis/core';
import type { Express, RequestHandler } from 'express';
import type { Kind } from './app.js';
import type { FetchHandler } from './servers.js';

/** One problem Portcullis's cors() reports, quoted in the guide. */
export interface CoreSays {
  /** The expression given to Portcullis, when it is not the row's peer text. */
  readonly text?: string;
  readonly code: string;
  readonly fix: string;
}

/** A browser's conclusion, in part: unnamed fields are not checked. */
export interface Expected {
  readonly allowed: boolean;
  readonly readable?: readonly string[];
  readonly reached?: readonly Kind[];
  readonly cachedFor?: number | null;
}

export interface Check {
  /** What is asked, in words: `a credentialed GET from another origin`. */
  readonly name: string;
  readonly call: FetchCall;
  /** Calls made first, through a shared cache in front of the server; `call` goes through it too. */
  readonly afterCached?: readonly FetchCall[];
  /** What the browser concludes with the peer. */
  readonly peer: Expected;
  /** What it concludes with Portcullis when that differs on purpose; omitted: exactly the peer's conclusion. */
  readonly portcullis?: Expected;
  /** The codes Portcullis's onRefusal reports during `call` (translations written as text only). */
  readonly refusals?: readonly CorsRefusalCode[];
}

/** A translation too long for a table cell: a tested file the guide quotes. */
export interface Recipe {
  /** The file, from the repository's root, that the guide quotes verbatim. */
  readonly file: string;
  readonly build: (app: (request: Request) => Response) => FetchHandler;
}

/** The same for Express (the `cors` rows): the recipe mounts itself and the application handler. */
export interface ExpressRecipe {
  /** The file, from the repository's root, that the guide quotes verbatim. */
  readonly file: string;
  readonly mount: (app: Express, handler: RequestHandler) => void;
}

export interface Row {
  /** The id in the guide's first column, `<peer>.<topic>`. */
  readonly id: string;
  /** The peer's configuration as the guide shows it: an expression using the peer's `cors`. */
  readonly peer: string;
  /** What Portcullis's cors() does with that same expression: accepts it, or reports these problems. */
  readonly core: 'accepted' | readonly CoreSays[];
  /** The translation: an expression using Portcullis's `cors` and `corsByRequest`, or a recipe; omitted: the peer's text as it is. */
  readonly portcullis?: string | Recipe | ExpressRecipe;
  /** Express only: how the middleware (the peer's, and @portcullis/node's) is mounted, when not `app.use(cors(...))` before the application. */
  readonly mount?: (app: Express, cors: RequestHandler, handler: RequestHandler) => void;
  /** Headers the application sets itself, besides its usual ones. */
  readonly appHeaders?: Readonly<Record<string, string>>;
  /** Other strings the guide quotes for the row (messages the row's tests assert), each checked to be there. */
  readonly quotes?: readonly string[];
  /** Names the texts use besides `cors` and `corsByRequest`. */
  readonly scope?: Readonly<Record<string, unknown>>;
  readonly checks: readonly Check[];
}

/** Whether the check documents a difference: both expectations given, and unequal in a field both name. */
export function declaresDifference(check: Check): boolean {
  const { peer, portcullis } = check;
  if (portcullis === undefined) return false;
  const fields = ['allowed', 'readable', 'reached', 'cachedFor'] as const;
  return fields.some((field) => peer[field] !== undefined && portcullis[field] !== undefined && JSON.stringify(peer[field]) !== JSON.stringify(portcullis[field]));
}
