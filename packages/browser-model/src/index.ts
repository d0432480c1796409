export { planRequest, type RequestPlan } from './plan.js';
export {
  judgePreflight,
  judgeResponse,
  readableHeaders,
  type PreflightJudgement,
  type ResponseJudgement,
} from './judge.js';
export { corsCheck } from './cors-check.js';
export { simulateFetch, type Exchange, type SimulateOptions, type Verdict } from './simulate.js';
export { renderConclusion, renderStep, renderVerdict, PLAIN, type Style } from './render.js';
export { ENGINES, engineProfile, type EngineProfile } from './engines.js';
export { checkOrigin } from './origins.js';
export {
  isForbiddenMethod,
  isSafelistedMethod,
  mimeEssence,
  normalizeMethod,
  parseSingleRange,
  safelisted,
  unsafeHeaderNames,
  type SafelistResult,
  type UnsafeHeaders,
} from './request-rules.js';
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
