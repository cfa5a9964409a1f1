import * as v from "valibot";

// Readers for dbt's artifacts. Each schema names only the fields adops uses and
// lets everything else through (valibot `object` drops unknown keys), because dbt
// changes these files across patch releases without a version bump (NOTES.md 1.4).
// Status fields are plain strings: 1.12 added `reused` to run-results v6 in place.

const Timing = v.object({
  name: v.string(),
  started_at: v.nullish(v.string()),
  completed_at: v.nullish(v.string()),
});

// The official schemas make `generated_at` (both) and `dbt_schema_version`
// (sources v3) optional; dbt always writes them, so a missing one reads as "".
const Metadata = v.object({
  dbt_schema_version: v.optional(v.string(), ""),
  dbt_version: v.optional(v.string()),
  generated_at: v.optional(v.string(), ""),
  invocation_id: v.nullish(v.string()),
});

/** `target/run_results.json` (schema v6, dbt 1.8 to 1.12), the parts adops reads. */
export const RunResultsSchema = v.object({
  metadata: Metadata,
  elapsed_time: v.number(),
  args: v.optional(v.looseObject({ which: v.optional(v.string()), invocation_command: v.optional(v.string()) }), {}),
  results: v.array(v.object({
    unique_id: v.string(),
    status: v.string(),
    timing: v.array(Timing),
    thread_id: v.nullish(v.string()),
    execution_time: v.number(),
    message: v.nullish(v.string()),
    failures: v.nullish(v.number()),
    relation_name: v.nullish(v.string()),
    compiled: v.nullish(v.boolean()),
  })),
});

/** A parsed run_results.json. */
export type RunResults = v.InferOutput<typeof RunResultsSchema>;

/** `target/sources.json` (schema v3): `dbt source freshness`, the parts adops reads. */
export const SourcesSchema = v.object({
  metadata: Metadata,
  elapsed_time: v.number(),
  results: v.array(v.object({
    unique_id: v.string(),
    status: v.string(),
    max_loaded_at: v.optional(v.string()),
    snapshotted_at: v.optional(v.string()),
    max_loaded_at_time_ago_in_s: v.optional(v.number()),
    execution_time: v.optional(v.number()),
    // sources v3 allows a number here (a runtime error's `error`); read as text.
    error: v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))])),
    criteria: v.optional(v.object({
      warn_after: v.nullish(v.object({ count: v.nullish(v.number()), period: v.nullish(v.string()) })),
      error_after: v.nullish(v.object({ count: v.nullish(v.number()), period: v.nullish(v.string()) })),
    })),
  })),
});

/** A parsed sources.json. */
export type SourcesArtifact = v.InferOutput<typeof SourcesSchema>;

const Period = v.nullish(v.object({ count: v.nullish(v.number()), period: v.nullish(v.string()) }));

/** `target/manifest.json` (v12), only the parts a runner reads: nodes, sources, child map. */
export const ManifestSchema = v.object({
  metadata: v.object({ dbt_version: v.optional(v.string()), generated_at: v.optional(v.string()), invocation_id: v.nullish(v.string()), project_name: v.optional(v.string()) }),
  nodes: v.record(v.string(), v.object({
    unique_id: v.string(),
    resource_type: v.string(),
    name: v.string(),
    original_file_path: v.optional(v.string()),
    fqn: v.optional(v.array(v.string())),
    tags: v.optional(v.array(v.string()), []),
    depends_on: v.optional(v.object({ nodes: v.optional(v.array(v.string()), []) }), { nodes: [] }),
  })),
  sources: v.record(v.string(), v.object({
    unique_id: v.string(),
    source_name: v.string(),
    name: v.string(),
    freshness: v.nullish(v.object({ warn_after: Period, error_after: Period })),
  })),
  unit_tests: v.optional(v.record(v.string(), v.object({ unique_id: v.string(), name: v.string() })), {}),
  child_map: v.optional(v.record(v.string(), v.array(v.string())), {}),
});

/** A parsed manifest (parts). */
export type ManifestParts = v.InferOutput<typeof ManifestSchema>;

/** The outcome of reading an artifact: the value, or why it is unusable. */
export type ArtifactResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseWith<T extends v.GenericSchema>(schema: T, text: string | undefined, label: string): ArtifactResult<v.InferOutput<T>> {
  if (text === undefined) return { ok: false, reason: `No ${label}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `Cannot parse ${label}: ${(error as Error).message}` };
  }
  const result = v.safeParse(schema, json);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join(".") ?? "";
  return { ok: false, reason: `Unexpected ${label} at '${path}': ${issue?.message ?? "invalid"}` };
}

/**
 * Parses run_results.json text.
 *
 * @param text The file's text, or `undefined` when it does not exist.
 * @returns The parsed results, or a reason.
 * @example
 * ```ts
 * import { parseRunResults } from "./artifacts.ts";
 * console.assert(!parseRunResults(undefined).ok);
 * ```
 */
export function parseRunResults(text: string | undefined): ArtifactResult<RunResults> {
  return parseWith(RunResultsSchema, text, "run_results.json");
}

/**
 * Parses sources.json text.
 *
 * @param text The file's text, or `undefined`.
 * @returns The parsed freshness results, or a reason.
 * @example
 * ```ts
 * import { parseSources } from "./artifacts.ts";
 * console.assert(!parseSources("{").ok);
 * ```
 */
export function parseSources(text: string | undefined): ArtifactResult<SourcesArtifact> {
  return parseWith(SourcesSchema, text, "sources.json");
}

/**
 * Parses the parts of manifest.json a runner reads.
 *
 * @param text The file's text, or `undefined`.
 * @returns The parts, or a reason.
 * @example
 * ```ts
 * import { parseManifest } from "./artifacts.ts";
 * console.assert(!parseManifest(undefined).ok);
 * ```
 */
export function parseManifest(text: string | undefined): ArtifactResult<ManifestParts> {
  return parseWith(ManifestSchema, text, "manifest.json");
}

/**
 * Whether a run_results.json belongs to the step that just ran: written by the
 * expected command (`args.which`), by this invocation when its id is known, and
 * not before the step started (NOTES.md 1.2: rc 2 leaves the previous file).
 *
 * @param results The parsed file.
 * @param expect The command, the step's start (epoch ms) and the invocation id from the logs.
 * @returns `undefined` when fresh, else why it is stale.
 * @example
 * ```ts
 * import { staleReason } from "./artifacts.ts";
 * const r = { metadata: { dbt_schema_version: "", generated_at: "2026-01-01T00:00:00Z", invocation_id: "a" }, elapsed_time: 0, args: { which: "build" }, results: [] };
 * console.assert(staleReason(r, { which: "build", startedAt: Date.parse("2026-01-02T00:00:00Z") }) !== undefined);
 * ```
 */
export function staleReason(results: Pick<RunResults, "metadata" | "args">, expect: { which: string; startedAt: number; invocationId?: string }): string | undefined {
  const which = results.args.which;
  if (which !== undefined && which !== expect.which) return `written by 'dbt ${which}', not 'dbt ${expect.which}'`;
  if (expect.invocationId !== undefined && results.metadata.invocation_id && results.metadata.invocation_id !== expect.invocationId) {
    return `written by invocation '${results.metadata.invocation_id}', not '${expect.invocationId}'`;
  }
  const generated = Date.parse(results.metadata.generated_at.endsWith("Z") ? results.metadata.generated_at : `${results.metadata.generated_at}Z`);
  if (Number.isFinite(generated) && generated + 1000 < expect.startedAt) return `generated at '${results.metadata.generated_at}', before the step started`;
  return undefined;
}
