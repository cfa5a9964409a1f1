/**
 * The ground floor every other folder stands on: errors with a kind, the
 * clock and file ports, logger, redactor, the status vocabulary, formatters,
 * the one retry and the one pool.
 * Imports nothing of the project.
 *
 * @module
 */
export { type Annotation, type SourcePosition, toTerminalLine, toWorkflowCommand } from "./annotation.ts";
export type { Clock } from "./clock.ts";
export { AdopsError, ConfigError, type ErrorKind, InterruptedError, isAdopsError, isConfigError, UsageError } from "./errors.ts";
export type { Files } from "./files.ts";
export { formatBytes } from "./format-bytes.ts";
export { formatDuration, type FormatDurationOptions } from "./format-duration.ts";
export { createLogger, type LogFields, type LogFormat, type Logger, type LogLevel } from "./logger.ts";
export { type Outcome, outcomeFromCounts, OUTCOMES } from "./outcome.ts";
export { parseRetryAfter } from "./parse-retry-after.ts";
export { createLimiter, type Limiter, type LimitOptions, mapPool, mapPoolSettled, type PoolOptions } from "./pool.ts";
export { renderCsv, type RenderCsvOptions } from "./render-csv.ts";
export { type Closeable, createRunScope, type RunScope } from "./run-scope.ts";
export { createRedactor, isSecretEnvName, redactDeep, type Redactor } from "./redact.ts";
export { isRetryError, retry, RetryError, type RetryOptions, type RetryState } from "./retry.ts";
export { type JitterFunction } from "./_backoff.ts";
export type { Runtime } from "./runtime.ts";
