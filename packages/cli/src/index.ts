// `@portcullis/cli` as a library: the commands' functions, their options and results, and the
// errors they throw. What the command line alone needs (help texts, the transport, rendering
// helpers) stays inside; see the README's Exports section.
export { main } from './cli.js';
export type { Io } from './cli.js';
export { checkCors, exitCodeOf } from './check.js';
export type { CheckOptions, CheckResult } from './check.js';
export type { Engine, HeaderInput, HttpResponse, OutgoingRequest } from '@portcullis/browser-model';
export { renderCheck } from './render.js';
export { createCorsProxy, describeConfigError } from './proxy.js';
export type { ProxyLogEntry, ProxyOptions } from './proxy.js';
export { startCorsProxy } from './serve.js';
export type { RunningProxy, StartProxyOptions } from './serve.js';
export { NetworkError, UsageError } from './errors.js';
export { audit } from './audit/audit.js';
export { CLASSES } from './audit/classes.js';
export { renderAudit } from './audit/render.js';
export type { AuditClassId, AuditFinding, AuditOptions, AuditReport, Severity } from './audit/types.js';
export { exportConfig, exportRoutes, ExportError } from './export/index.js';
export type { ExportErrorCode, ExportRoute, ExportSettings, Standalone, WebServer } from './export/index.js';
export { standaloneCommand } from './export/run-command.js';
