// Fakes for orchestrator tests: scripted pipelines on a fake clock, and plan builders.
import type { OrchestratorConfig } from "../../schemas/orchestrator.ts";
import type { Clock, Outcome } from "../core/mod.ts";
import { createRegistry, type PipelineRegistry, STEP_NAMES } from "./registry.ts";
import type { Pipeline, PlannedStep } from "./types.ts";

/** How a fake pipeline behaves. */
export interface FakeBehaviour {
  /** Seconds each attempt takes. @default 10 */
  seconds?: number;
  /** Rows returned on success. @default 100 */
  rows?: number;
  /** Tables returned on success. @default 2 */
  tables?: number;
  /** How many first attempts fail (after their `seconds`). @default 0 */
  failures?: number;
  /** Every attempt fails. @default false */
  alwaysFail?: boolean;
  /** Message of the failures. @default "Boom" */
  error?: string;
  /** Failures are permanent (`retriable: false`, like a configuration error). @default false */
  permanent?: boolean;
  /** Ignore the abort signal (a misbehaving pipeline). @default false */
  ignoreAbort?: boolean;
}

/** What fake pipelines did, for assertions. */
export interface FakeTrace {
  /** Every attempt started: step, attempt, time (ms since the clock's start). */
  starts: { step: string; attempt: number; at: number }[];
  /** Steps whose signal was aborted while running. */
  aborted: string[];
  /** The most attempts running at the same time. */
  maxConcurrent: number;
}

/**
 * A registry of scripted pipelines that sleep on `clock`.
 *
 * @param clock The (fake) clock.
 * @param behaviours Behaviour by step name; names not given use the defaults.
 * @param options Which names to register. @default STEP_NAMES and the names in `behaviours`
 * @returns The registry and the trace it records.
 */
export function createFakeRegistry(
  clock: Clock,
  behaviours: Record<string, FakeBehaviour> = {},
  options: { names?: readonly string[] } = {},
): { registry: PipelineRegistry; trace: FakeTrace } {
  const origin = clock.now();
  const trace: FakeTrace = { starts: [], aborted: [], maxConcurrent: 0 };
  let running = 0;
  const names = options.names ?? [...new Set([...STEP_NAMES, ...Object.keys(behaviours)])];
  const pipelines: Record<string, Pipeline> = {};
  for (const name of names) {
    const b = behaviours[name] ?? {};
    pipelines[name] = {
      async run(context, signal) {
        trace.starts.push({ step: name, attempt: context.attempt, at: clock.now() - origin });
        running++;
        trace.maxConcurrent = Math.max(trace.maxConcurrent, running);
        const onAbort = () => trace.aborted.push(name);
        signal.addEventListener("abort", onAbort, { once: true });
        try {
          await clock.sleep((b.seconds ?? 10) * 1000, b.ignoreAbort ? undefined : signal);
          if (b.alwaysFail || context.attempt <= (b.failures ?? 0)) {
            throw Object.assign(new Error(b.error ?? "Boom"), b.permanent ? { retriable: false } : {});
          }
          return { rows_processed: b.rows ?? 100, tables_processed: b.tables ?? 2 };
        } finally {
          running--;
          signal.removeEventListener("abort", onAbort);
        }
      },
    };
  }
  return { registry: createRegistry(pipelines), trace };
}

/**
 * A planned step with short defaults (priority 100, timeout 3600 s, one attempt).
 *
 * @param name The step name.
 * @param overrides Fields to change.
 * @returns The step.
 */
export function makeStep(name: string, overrides: Partial<PlannedStep> = {}): PlannedStep {
  return {
    name,
    platformId: undefined,
    enabled: true,
    priority: 100,
    timeoutSeconds: 3600,
    retry: { max_attempts: 1, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 },
    dependencies: [],
    index: 0,
    ...overrides,
  };
}

/**
 * An orchestrator config (parsed shape) from steps given as
 * `{ name, dependencies?, ... }`.
 *
 * @param steps The steps.
 * @param overrides Orchestrator settings and groups.
 * @returns The config.
 */
export function makeOrchestratorConfig(
  steps: (Partial<OrchestratorConfig["platforms"][number]> & { name: string })[],
  overrides: { orchestrator?: Partial<OrchestratorConfig["orchestrator"]>; parallel_groups?: string[][] } = {},
): OrchestratorConfig {
  return {
    orchestrator: { parallel_execution: true, max_parallel: 2, continue_on_failure: true, global_timeout: 7200, ...overrides.orchestrator },
    platforms: steps.map((s) => ({
      enabled: true,
      priority: 100,
      timeout: 1800,
      retry: { max_attempts: 1, backoff_seconds: 60, backoff_multiplier: 2, max_backoff_seconds: 600 },
      dependencies: [],
      ...s,
    })),
    ...(overrides.parallel_groups ? { parallel_groups: overrides.parallel_groups } : {}),
  };
}

/**
 * Parses CSV (quotes, doubled quotes, commas and newlines in quotes) into
 * records keyed by the header.
 *
 * @param text CSV with a header line.
 * @returns One record per data line.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  const [header = [], ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/**
 * The seed's exit codes for the execution report's `exit_code`, as the CLI maps
 * them (tests only: production passes the CLI's own map).
 *
 * @param outcome How the run ended.
 * @returns The exit code.
 */
export function seedExitCodeFor(outcome: Outcome): number {
  return { ok: 0, config_error: 1, partial: 2, failed: 3, internal_error: 4, interrupted: 130 }[outcome];
}
