import * as v from "valibot";
import { parse as parseYaml } from "yaml";
import type { FaultConfig } from "./faults.ts";

/** A name or `/pattern/flags` (a regular expression). */
const Pattern = v.pipe(
  v.string(),
  v.transform((text): string | RegExp => {
    const m = /^\/(.+)\/([a-z]*)$/.exec(text);
    return m ? new RegExp(m[1] as string, m[2]) : text;
  }),
);
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const FaultFileSchema = v.strictObject({
  latencyMs: v.optional(Count),
  requests: v.optional(v.array(v.strictObject({
    path: v.optional(Pattern),
    kind: v.picklist(["latency", "error", "rate_limit", "drop", "unauthorized"]),
    latencyMs: v.optional(Count),
    status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))),
    retryAfterSeconds: v.optional(Count),
    message: v.optional(v.string()),
    times: v.optional(Count),
    afterHandling: v.optional(v.boolean()),
  }))),
  jobs: v.optional(v.array(v.strictObject({
    connectionId: v.optional(v.string()),
    connectionName: v.optional(Pattern),
    failAttempts: v.optional(Count),
    maxAttempts: v.optional(Count),
    failureType: v.optional(v.picklist(["config_error", "system_error", "transient_error", "heartbeat_timeout", "destination_timeout"])),
    failureOrigin: v.optional(v.picklist(["source", "destination", "replication", "airbyte_platform"])),
    message: v.optional(v.string()),
    hang: v.optional(v.boolean()),
    ignoreCancel: v.optional(v.boolean()),
    durationMs: v.optional(Count),
    pendingMs: v.optional(Count),
    times: v.optional(Count),
  }))),
  checks: v.optional(v.array(v.strictObject({
    sourceName: v.optional(Pattern),
    definitionName: v.optional(v.string()),
    message: v.optional(v.string()),
    jobFails: v.optional(v.boolean()),
  }))),
});

/**
 * Reads a fault file for `adops airbyte-local --faults` (YAML or JSON): the same
 * rules as the stand-in's `faults` option (`FaultConfig`), with `/pattern/`
 * strings for regular expressions.
 *
 * @param text The file's text.
 * @returns The faults, or what is wrong, each naming the field.
 * @example
 * ```ts
 * import { parseFaultFile } from "./fault-file.ts";
 * const r = parseFaultFile("requests:\n  - { path: connections/sync, kind: drop, times: 1, afterHandling: true }\n");
 * console.assert(r.ok && r.value.requests?.[0]?.kind === "drop");
 * ```
 */
export function parseFaultFile(text: string): { ok: true; value: FaultConfig } | { ok: false; issues: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { ok: false, issues: [`Not YAML or JSON: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`] };
  }
  const result = v.safeParse(FaultFileSchema, raw);
  if (!result.success) {
    return { ok: false, issues: result.issues.map((i) => `${v.getDotPath(i) ?? "(top level)"}: ${i.message}`) };
  }
  return { ok: true, value: result.output as FaultConfig };
}
