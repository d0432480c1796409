export { planRequest, type RequestPlan } from './plan.js';
export { judgePreflight, type PreflightJudgement } from './preflight.js';
export { judgeResponse, readableHeaders, type ResponseJudgement } from './response.js';
export { corsCheck } from './cors-check.js';
export { simulateFetch, type Exchange, type SimulateOptions, type Verdict } from './simulate.js';
export { renderConclusion, renderStep, renderVerdict, PLAIN, type Style } from './render.js';
export { ENGINES, engineProfile, type EngineProfile } from './engines.js';
export { checkOrigin } from './origins.js';
export { BAD_PORTS, badPort } from './bad-ports.js';
export { addressSpaceOf, localNetworkAccess, type AddressSpace, type LocalNetworkAccess } from './local-network.js';
export { isForbiddenMethod, isSafelistedMethod, normalizeMethod } from './methods.js';
export { FORBIDDEN_REQUEST_HEADERS, isForbiddenRequestHeader } from './request-headers.js';
export { mimeEssence, parseSingleRange, safelisted, unsafeHeaderNames, type SafelistResult, type UnsafeHeaders } from './safelist.js';
export { parseTokenList, toHeaderList } from './headers.js';
export { SPEC } from './spec.js';
export type {
  Engine,
  FetchCall,
  HeaderInput,
  HeaderList,
  HttpResponse,
  Judgement,
  OutgoingRequest,
  Phase,
  ReadableHeaders,
  Step,
} from './types.js';
