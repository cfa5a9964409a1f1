/**
 * The ground floor every other folder stands on: errors with a kind, the
 * clock and file ports, logger, redactor, the status vocabulary, formatters.
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
export { createRedactor, isSecretEnvName, redactDeep, type Redactor } from "./redact.ts";
export type { Runtime } from "./runtime.ts";
