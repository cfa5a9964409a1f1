/** One line of dbt's `--log-format json` output, reduced to what a runner needs. */
export type DbtLogEvent =
  | { kind: "version"; invocationId: string | undefined; version: string }
  | { kind: "node-start"; uniqueId: string; resourceType: string; index: number; total: number; description: string }
  | { kind: "node-finish"; uniqueId: string; resourceType: string; status: string; index: number; total: number; executionTime: number; failures: number | undefined; message: string | undefined }
  | { kind: "error"; message: string }
  | { kind: "show"; preview: string }
  | { kind: "log"; name: string; level: string; message: string }
  | { kind: "text"; text: string };

const FINISH_EVENTS = new Set(["LogModelResult", "LogSeedResult", "LogSnapshotResult", "LogTestResult", "LogFreshnessResult", "SkippingDetails", "LogNodeResult", "LogFunctionResult"]);
// deno-lint-ignore no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === "object" && value !== null ? (value as Json) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Parses one stdout line of `dbt --log-format json`. Lines that are not JSON
 * (click usage errors, an invalid `--vars` message, tracebacks) come back as
 * `text`; ANSI colour codes are stripped.
 *
 * @param line One line.
 * @returns The event, or `undefined` for a blank line.
 * @example
 * ```ts
 * import { parseDbtLogLine } from "./log-events.ts";
 * const e = parseDbtLogLine('{"info":{"name":"MainEncounteredError","level":"error","msg":"x"},"data":{"exc":"Runtime Error\\n  Could not find profile named \'adops\'"}}');
 * console.assert(e?.kind === "error");
 * ```
 */
export function parseDbtLogLine(line: string): DbtLogEvent | undefined {
  const trimmed = line.replace(ANSI, "").trim();
  if (trimmed === "") return undefined;
  if (!trimmed.startsWith("{")) return { kind: "text", text: trimmed };
  let parsed: Json;
  try {
    parsed = obj(JSON.parse(trimmed));
  } catch {
    return { kind: "text", text: trimmed };
  }
  const info = obj(parsed.info);
  const data = obj(parsed.data);
  const name = str(info.name) ?? "";
  const node = obj(data.node_info);
  const uniqueId = str(node.unique_id) ?? "";
  const resourceType = str(node.resource_type) ?? uniqueId.split(".")[0] ?? "";
  if (name === "MainReportVersion") return { kind: "version", invocationId: str(info.invocation_id), version: (str(data.version) ?? "").replace(/^=/, "") };
  if (name === "ShowNode" && typeof data.preview === "string") return { kind: "show", preview: data.preview };
  if (name === "MainEncounteredError") return { kind: "error", message: str(data.exc) ?? str(info.msg) ?? "dbt failed" };
  if (name === "LogStartLine" && uniqueId !== "") {
    return { kind: "node-start", uniqueId, resourceType, index: num(data.index) ?? 0, total: num(data.total) ?? 0, description: str(data.description) ?? uniqueId };
  }
  if (FINISH_EVENTS.has(name) && uniqueId !== "") {
    const status = name === "SkippingDetails" ? "skipped" : (str(data.status) ?? str(node.node_status) ?? "unknown");
    return {
      kind: "node-finish",
      uniqueId,
      resourceType,
      status: status.toLowerCase(),
      index: num(data.index) ?? 0,
      total: num(data.total) ?? num(data.num_models) ?? 0,
      executionTime: num(data.execution_time) ?? 0,
      failures: num(data.num_failures),
      message: str(data.msg),
    };
  }
  return { kind: "log", name, level: str(info.level) ?? "info", message: (str(info.msg) ?? "").replace(ANSI, "") };
}
