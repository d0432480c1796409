// The conformance table: every target serves every scenario's policy under `/s/<name>/`, and
// every engine (Chromium, Firefox, WebKit) must agree with the expectation on every target.
// Rules are the Fetch Standard's (https://fetch.spec.whatwg.org/#http-cors-protocol); each
// blocked scenario names a readable control that differs only in the respect under test.

import type { Scenario } from './scenario-types.ts';
import { origins } from './scenarios/origins.ts';
import { methods } from './scenarios/methods.ts';
import { requestHeaders } from './scenarios/request-headers.ts';
import { credentials } from './scenarios/credentials.ts';
import { responses } from './scenarios/responses.ts';
import { writesAndMore } from './scenarios/writes-and-more.ts';

/** Every scenario, in the order of the matrix. */
export const scenarios: readonly Scenario[] = [...origins, ...methods, ...requestHeaders, ...credentials, ...responses, ...writesAndMore];

export const scenarioByName: ReadonlyMap<string, Scenario> = new Map(scenarios.map((s) => [s.name, s]));
