export { checkCors, exitCodeOf, CREDENTIALS_NOTE, REFUSAL_HEADER } from './check.js';
export type { CheckOptions, CheckResult, Refusal } from './check.js';
export { renderCheck, describeCall, useColor } from './render.js';
export { createCorsProxy, describeConfigError, parseTarget } from './proxy.js';
export type { ProxyLogEntry, ProxyOptions } from './proxy.js';
export { startCorsProxy, serveFetch } from './serve.js';
export { isLoopback } from './hosts.js';
export type { FetchHandler, RunningProxy, StartProxyOptions } from './serve.js';
export { main, AUDIT_HELP, CHECK_HELP, EXPORT_HELP, PROXY_HELP, MAIN_HELP } from './cli.js';
export type { Io } from './cli.js';
export { NetworkError, UsageError } from './errors.js';
export { send, DEFAULT_TIMEOUT_MS } from './transport.js';
export { VERSION } from './version.js';
export type {
  Engine,
  Exchange,
  FetchCall,
  HeaderInput,
  HeaderList,
  HttpResponse,
  OutgoingRequest,
  ReadableHeaders,
  Step,
  Verdict,
} from '@portcullis/browser-model';
export { audit } from './audit/audit.js';
export { CLASSES } from './audit/classes.js';
export { renderAudit } from './audit/render.js';
export type {
  Access,
  AuditClassId,
  AuditFinding,
  AuditFix,
  AuditOptions,
  AuditProbe,
  AuditReport,
  ProbeExchange,
  Severity,
} from './audit/types.js';
export { exportConfig, exportRoutes, ExportError, WEB_SERVERS } from './export/index.js';
export type { ExportErrorCode, ExportRoute, ExportSettings, Standalone, WebServer } from './export/index.js';
export { standaloneCommand } from './export/run-command.js';
export type { RunCommand } from './export/run-command.js';
