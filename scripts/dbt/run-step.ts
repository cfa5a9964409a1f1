import type { Clock, Files } from "../core/mod.ts";
import type { DbtNodeRow } from "../../schemas/report-rows/dbt.ts";
import { parseRunResults, parseSources, staleReason } from "./artifacts.ts";
import type { DbtCli } from "./dbt-cli.ts";
import { type DbtLogEvent, parseDbtLogLine } from "./log-events.ts";
import type { DbtStep } from "./plan-steps.ts";

/** One node's outcome in a step: a row of the dbt report (`DbtNodeRowSchema`). */
export type DbtNodeResult = DbtNodeRow;

/** How one step ended. */
export interface DbtStepOutcome {
  step: DbtStep;
  /** dbt's own exit code. */
  dbtExitCode: number;
  /** `ok` (rc 0), `failed` (rc 1: nodes ran, some failed), `not_run` (rc 2: dbt did not run). */
  status: "ok" | "failed" | "not_run";
  /** Every node the step executed or skipped. */
  nodes: DbtNodeResult[];
  /** dbt's error when it did not run (MainEncounteredError, or stderr for click errors). */
  error: string | undefined;
  /** Why the artifact was not used, when it was stale or missing. */
  artifactProblem: string | undefined;
  /** The step's own target folder. */
  targetPath: string;
  /** Wall time. */
  durationMs: number;
}

/** What a step needs around it. */
export interface RunStepContext {
  cli: DbtCli;
  files: Pick<Files, "tryReadText">;
  clock: Clock;
  /** Absolute project folder (dbt's cwd). */
  projectDir: string;
  /** Absolute folder holding profiles.yml. */
  profilesDir: string;
  /** Absolute target folder of this step. */
  targetPath: string;
  /** Shared partial-parse file. */
  partialParseFile?: string;
  /** Flags every step gets (`--vars`, `--target`). */
  commonArgs: readonly string[];
  env?: Record<string, string>;
  /** The invocation's lane (see `DbtInvocation.lane`). */
  lane?: string;
  signal?: AbortSignal;
  /** Called with each parsed log event. */
  onEvent?: (event: DbtLogEvent, step: DbtStep) => void;
}

/**
 * The flags every adops dbt invocation gets: project, profiles and target
 * folders, JSON logs, no colours.
 *
 * @param ctx The folders.
 * @returns The flags, to follow the dbt subcommand.
 * @example
 * ```ts
 * import { dbtPathFlags } from "./run-step.ts";
 * console.assert(dbtPathFlags({ projectDir: "/p", profilesDir: "/p", targetPath: "/t" }).includes("--log-format"));
 * ```
 */
export function dbtPathFlags(ctx: Pick<RunStepContext, "projectDir" | "profilesDir" | "targetPath">): string[] {
  return ["--project-dir", ctx.projectDir, "--profiles-dir", ctx.profilesDir, "--target-path", ctx.targetPath, "--log-format", "json", "--no-use-colors"];
}

const FINISHED_OK = new Set(["success", "pass", "warn", "no-op", "reused"]);

/**
 * Whether a node status counts as having succeeded.
 *
 * @param status A run_results status.
 * @returns True for success, pass, warn, no-op and reused.
 * @example
 * ```ts
 * import { isSuccessStatus } from "./run-step.ts";
 * console.assert(isSuccessStatus("warn") && !isSuccessStatus("skipped"));
 * ```
 */
export function isSuccessStatus(status: string): boolean {
  return FINISHED_OK.has(status);
}

function nameOf(uniqueId: string): string {
  const parts = uniqueId.split(".");
  return parts[0] === "test" && parts.length > 3 ? parts.slice(2, -1).join(".") : parts.slice(2).join(".");
}

// dbt names only the table: "Runtime Error in source <table> (<yml path>)"; two
// platforms can share a table name, so prefer the message whose path names the source.
function runtimeErrorFor(uniqueId: string, messages: readonly string[]): string | undefined {
  const [, , sourceName = "", table = ""] = uniqueId.split(".");
  const candidates = messages.filter((m) => m.includes(`in source ${table} `));
  return candidates.find((m) => m.includes(sourceName)) ?? candidates[0];
}

/**
 * Runs one dbt step in its own target folder and reads its artifacts, trusting
 * run_results.json / sources.json only when this invocation wrote them.
 *
 * @param step The step.
 * @param ctx The CLI port, files, paths and hooks.
 * @returns The outcome.
 */
export async function runDbtStep(step: DbtStep, ctx: RunStepContext): Promise<DbtStepOutcome> {
  const started = ctx.clock.now();
  let invocationId: string | undefined;
  let error: string | undefined;
  const text: string[] = [];
  const startedNodes = new Map<string, DbtLogEvent & { kind: "node-start" }>();
  const finished = new Map<string, DbtLogEvent & { kind: "node-finish" }>();
  const runtimeErrors: string[] = [];
  const args = [...step.command, ...dbtPathFlags(ctx), ...(step.name === "deps" ? [] : ctx.commonArgs), ...step.args];
  const result = await ctx.cli.run({
    args,
    cwd: ctx.projectDir,
    ...(ctx.env === undefined ? {} : { env: ctx.env }),
    ...(ctx.lane === undefined ? {} : { lane: ctx.lane }),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    ...(ctx.partialParseFile === undefined ? {} : { partialParse: { shared: ctx.partialParseFile, targetPath: ctx.targetPath } }),
    onLine(line, stream) {
      if (stream === "stderr") return;
      const event = parseDbtLogLine(line);
      if (event === undefined) return;
      if (event.kind === "version") invocationId = event.invocationId;
      if (event.kind === "error") error = event.message;
      if (event.kind === "text") text.push(event.text);
      if (event.kind === "node-start") startedNodes.set(event.uniqueId, event);
      if (event.kind === "node-finish") finished.set(event.uniqueId, event);
      if (event.kind === "log" && event.level === "error" && /Runtime Error in source/.test(event.message)) runtimeErrors.push(event.message);
      ctx.onEvent?.(event, step);
    },
  });
  const outcome: DbtStepOutcome = {
    step,
    dbtExitCode: result.exitCode,
    status: result.exitCode === 0 ? "ok" : result.exitCode === 1 ? "failed" : "not_run",
    nodes: [],
    error: undefined,
    artifactProblem: undefined,
    targetPath: ctx.targetPath,
    durationMs: 0,
  };
  if (outcome.status === "not_run") {
    const stderrError = result.stderr.split("\n").filter((l) => /Error/.test(l)).join(" ").trim();
    outcome.error = (error ?? (stderrError || text.at(-1) || `dbt exited with ${result.exitCode}`)).trim();
  } else if (step.name === "freshness") {
    const parsed = parseSources(await ctx.files.tryReadText(`${ctx.targetPath}/sources.json`));
    if (!parsed.ok) outcome.artifactProblem = parsed.reason;
    else {
      const fresh = invocationId === undefined || parsed.value.metadata.invocation_id === invocationId;
      if (!fresh) outcome.artifactProblem = `sources.json was written by invocation '${parsed.value.metadata.invocation_id}'`;
      else {
        for (const r of parsed.value.results) {
          outcome.nodes.push({ step: step.id, unique_id: r.unique_id, resource_type: "source", name: nameOf(r.unique_id), status: r.status, execution_time: r.execution_time ?? 0, failures: null, message: r.error ?? (r.max_loaded_at ? `max_loaded_at ${r.max_loaded_at} (${Math.round((r.max_loaded_at_time_ago_in_s ?? 0) / 3600)} h ago)` : null) });
        }
        // dbt leaves sources whose freshness query failed out of sources.json (NOTES.md 1.3).
        for (const id of startedNodes.keys()) {
          if (outcome.nodes.some((n) => n.unique_id === id)) continue;
          const message = runtimeErrorFor(id, runtimeErrors) ?? "Freshness query failed (runtime error); dbt leaves it out of sources.json";
          outcome.nodes.push({ step: step.id, unique_id: id, resource_type: "source", name: nameOf(id), status: "runtime error", execution_time: 0, failures: null, message });
        }
      }
    }
  } else if (step.which !== undefined) {
    const parsed = parseRunResults(await ctx.files.tryReadText(`${ctx.targetPath}/run_results.json`));
    const stale = parsed.ok ? staleReason(parsed.value, { which: step.which, startedAt: started, ...(invocationId === undefined ? {} : { invocationId }) }) : parsed.reason;
    if (!parsed.ok || stale !== undefined) outcome.artifactProblem = `run_results.json not used: ${stale}`;
    else {
      for (const r of parsed.value.results) {
        outcome.nodes.push({ step: step.id, unique_id: r.unique_id, resource_type: r.unique_id.split(".")[0] ?? "", name: nameOf(r.unique_id), status: r.status, execution_time: r.execution_time, failures: r.failures ?? null, message: r.message ?? null });
      }
    }
  }
  if (outcome.nodes.length === 0 && outcome.status !== "not_run" && finished.size > 0) {
    // No usable artifact: fall back to what the log said.
    for (const f of finished.values()) {
      outcome.nodes.push({ step: step.id, unique_id: f.uniqueId, resource_type: f.resourceType, name: nameOf(f.uniqueId), status: f.status, execution_time: f.executionTime, failures: f.failures ?? null, message: f.message ?? null });
    }
  }
  outcome.durationMs = ctx.clock.now() - started;
  return outcome;
}
