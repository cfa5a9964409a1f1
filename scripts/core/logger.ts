/** Log levels, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Fields attached to a log line (tenant_id, connection_id, job_id, provider, ...). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Progress and diagnostics. Always written to stderr, always redacted. */
export interface Logger {
  /** Detail for debugging; shown with `--verbose`. */
  debug(message: string, fields?: LogFields): void;
  /** Progress a person wants to see. */
  info(message: string, fields?: LogFields): void;
  /** Something is off but the run goes on. */
  warn(message: string, fields?: LogFields): void;
  /** Something failed. */
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** How log lines look. */
export type LogFormat = "text" | "json";

/**
 * Builds a logger writing one line per call.
 *
 * @param write Where lines go (already redacting).
 * @param options Format, minimum level, clock and base fields.
 * @returns The logger.
 * @example
 * ```ts
 * import { createLogger } from "./logger.ts";
 * const lines: string[] = [];
 * const log = createLogger((l) => lines.push(l), { format: "json", now: () => 0 });
 * log.info("Started", { tenant_id: "acme" });
 * console.assert(JSON.parse(lines[0]!).tenant_id === "acme");
 * ```
 */
export function createLogger(
  write: (line: string) => void,
  options: { format?: LogFormat; level?: LogLevel; now?: () => number; fields?: LogFields } = {},
): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const min = order[options.level ?? "info"];
  const now = options.now ?? Date.now;
  const format = options.format ?? "text";
  const base = options.fields ?? {};

  function emit(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (order[level] < min) return;
    const all: LogFields = { ...base, ...fields };
    if (format === "json") {
      const clean = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
      write(JSON.stringify({ ts: new Date(now()).toISOString(), level, msg: message, ...clean }));
      return;
    }
    const shown = Object.entries(fields)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : v}`);
    const prefix = level === "info" ? "" : `${level.toUpperCase()} `;
    write(`${prefix}${message}${shown.length > 0 ? `  ${shown.join(" ")}` : ""}`);
  }

  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(write, { ...options, fields: { ...base, ...fields } }),
  };
}
